package org.streamingest.job.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of Flink's SQL client in gateway mode, as {@code bin/sql-client.sh gateway -e
 * HOST:PORT ...} runs it: {@code org.apache.flink.table.client.SqlClient} on the distribution's
 * {@code lib/} and the {@code opt/} client and gateway jars (the client's own log goes to a file,
 * as with the script's {@code log4j-cli.properties}). Run it with {@code FLINK_CONF_DIR} set to the
 * installation's {@code conf/}.
 */
public final class SqlClientCommand {

    static final String MAIN = "org.apache.flink.table.client.SqlClient";

    private SqlClientCommand() {}

    /**
     * {@code java ... SqlClient gateway -e <endpoint> <args>}, logging to {@code logFile} with the
     * {@code log4j.properties} of {@code confDir}.
     */
    public static List<String> gateway(
            String endpoint, Path confDir, Path logFile, List<String> args) {
        List<Path> jars = new ArrayList<>(DistributionClasspath.load());
        jars.add(DistributionClasspath.opt("flink-sql-client"));
        // the client's jar leaves the gateway's classes (DefaultContext, the REST API) to it
        jars.add(DistributionClasspath.opt("flink-sql-gateway"));
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString()));
        command.addAll(StandaloneCluster.JAVA_OPTS);
        command.add("-Xmx512m");
        command.add("-Dlog.file=" + logFile);
        command.add("-Dlog4j.configurationFile=file:" + confDir.resolve("log4j.properties"));
        command.addAll(List.of("-cp", DistributionClasspath.asClasspath(jars), MAIN));
        command.addAll(List.of("gateway", "-e", endpoint));
        command.addAll(args);
        return command;
    }
}
