package org.streamingest.job.gateway;

import org.streamingest.job.cluster.SqlClientCommand;
import org.streamingest.job.cluster.SqlGatewayExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code sql-client.sh gateway -e HOST:PORT -i init.sql -f script.sql} in a JVM of its own, as a
 * user runs it: what it prints (stdout and stderr, as on a terminal) goes to {@code <name>.out}
 * beside the script. The client stops at the first statement that fails.
 */
public final class SqlClientScript {

    /** The exit code and everything the client printed. */
    public record Result(int exit, String output) {

        /** The result tables it printed, in order. */
        public List<Tableau.Table> tables() {
            return Tableau.tables(output);
        }
    }

    private SqlClientScript() {}

    /** Runs {@code script} (written to {@code dir/<name>.sql}) and waits for the client to end. */
    public static Result run(
            SqlGatewayExtension gateway,
            Path initSql,
            Path dir,
            String name,
            String script,
            Duration timeout)
            throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve(name + ".sql"), script);
        Path out = dir.resolve(name + ".out");
        List<String> command =
                SqlClientCommand.gateway(
                        gateway.hostAndPort(),
                        gateway.confDir(),
                        dir.resolve(name + ".log"),
                        List.of(
                                "-i",
                                initSql.toString(),
                                "-f",
                                file.toString(),
                                "-hist",
                                dir.resolve(name + ".history").toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile());
        builder.environment().putAll(environment(gateway));
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(
                    "The SQL client did not end within "
                            + timeout
                            + "; it printed:\n"
                            + Files.readString(out));
        }
        return new Result(process.exitValue(), Files.readString(out));
    }

    /** The installation's configuration directory, as bin/sql-client.sh sets it. */
    static Map<String, String> environment(SqlGatewayExtension gateway) {
        Map<String, String> environment = new HashMap<>();
        environment.put("FLINK_CONF_DIR", gateway.confDir().toString());
        return environment;
    }
}
