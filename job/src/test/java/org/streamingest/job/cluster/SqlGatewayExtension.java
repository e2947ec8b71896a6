package org.streamingest.job.cluster;

import org.streamingest.kinesis.testing.FreePorts;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a test class a real Flink SQL gateway in a JVM of its own, next to the session cluster of a
 * {@link FlinkClusterExtension}, started the way {@code bin/sql-gateway.sh start} starts it: {@code
 * org.apache.flink.table.gateway.SqlGateway} on the distribution's {@code lib/} (plus the jars the
 * test adds to it) and the {@code opt/} gateway jar, with {@code FLINK_CONF_DIR} a directory whose
 * {@code config.yaml} the test writes ({@link ConfigYaml}, given the ports). Started once per class
 * after the cluster, on a free port of 127.0.0.1 (retried if another process takes it first), and
 * stopped when the class is done. Its files stay in {@code target/sql-gateway/<test class>/}; a
 * failing test gets the last lines of its log attached.
 */
public final class SqlGatewayExtension implements BeforeAllCallback, TestExecutionExceptionHandler {

    static final String MAIN = "org.apache.flink.table.gateway.SqlGateway";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int START_ATTEMPTS = 3;
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SqlGatewayExtension.class);

    /** The gateway's {@code config.yaml} for the cluster's REST port and the gateway's port. */
    @FunctionalInterface
    public interface ConfigYaml {
        String write(int clusterRestPort, int gatewayPort);
    }

    private final FlinkClusterExtension cluster;
    private final Map<String, String> environment;
    private final List<Path> libJars;
    private final ConfigYaml config;
    private volatile Path dir;
    private volatile Path confDir;
    private volatile int port;
    private volatile FlinkProcess gateway;
    private int restarts;

    /**
     * A gateway for {@code cluster}'s sessions whose {@code lib/} also holds {@code libJars} and
     * whose environment gets {@code environment} added to the test JVM's.
     */
    public SqlGatewayExtension(
            FlinkClusterExtension cluster,
            Map<String, String> environment,
            List<Path> libJars,
            ConfigYaml config) {
        this.cluster = cluster;
        this.environment = Map.copyOf(environment);
        this.libJars = List.copyOf(libJars);
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir =
                Path.of("target", "sql-gateway", context.getRequiredTestClass().getSimpleName())
                        .toAbsolutePath();
        FlinkClusterExtension.deleteRecursively(dir);
        Files.createDirectories(dir.resolve("conf"));
        confDir = dir.resolve("conf");
        for (int attempt = 1; ; attempt++) {
            port = FreePorts.pick(1)[0];
            Files.writeString(
                    confDir.resolve("config.yaml"),
                    config.write(cluster.restAddress().getPort(), port));
            Files.writeString(confDir.resolve("log4j.properties"), StandaloneCluster.LOG4J);
            gateway = start(dir.resolve("gateway-" + port));
            String failure = awaitReady();
            if (failure == null) {
                break;
            }
            String tail = gateway.tail();
            gateway.close();
            if (gateway.logged("Address already in use") && attempt < START_ATTEMPTS) {
                continue;
            }
            throw new IllegalStateException(
                    "The SQL gateway did not start: " + failure + "\n" + tail);
        }
        context.getStore(NAMESPACE).put(SqlGatewayExtension.class, new Running(this));
    }

    /** Kills the gateway (kill -9): it closes no session and gives up no lease. */
    public void kill() {
        gateway.kill();
    }

    /**
     * Starts a new gateway from the same {@code config.yaml}, on the same port, as an operator
     * restarts one that died, and returns once it answers. Its files go to {@code
     * gateway-<port>-<n>/}.
     */
    public void restart() throws Exception {
        if (gateway.isAlive()) {
            throw new IllegalStateException("The SQL gateway still runs: kill() it first.");
        }
        for (int attempt = 1; ; attempt++) {
            gateway = start(dir.resolve("gateway-" + port + "-" + ++restarts));
            String failure = awaitReady();
            if (failure == null) {
                return;
            }
            String tail = gateway.tail();
            gateway.close();
            if (gateway.logged("Address already in use") && attempt < START_ATTEMPTS) {
                Thread.sleep(1000); // the killed process's socket is still being released
                continue;
            }
            throw new IllegalStateException(
                    "The SQL gateway did not start again: " + failure + "\n" + tail);
        }
    }

    private FlinkProcess start(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> jars = new ArrayList<>(libJars);
        jars.addAll(DistributionClasspath.load());
        jars.add(DistributionClasspath.opt("flink-sql-gateway"));
        List<String> jvm = new ArrayList<>(StandaloneCluster.JAVA_OPTS);
        jvm.add("-Xmx1g");
        jvm.add("-Dlog4j.configurationFile=file:" + confDir.resolve("log4j.properties"));
        Map<String, String> env = new HashMap<>(environment);
        env.put("FLINK_CONF_DIR", confDir.toString());
        return FlinkProcess.start(
                "sql-gateway",
                jvm,
                DistributionClasspath.asClasspath(jars),
                MAIN,
                List.of(),
                env,
                dir);
    }

    /** Null once {@code GET /info} answers 200, else why not. */
    private String awaitReady() throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder()
                        .proxy(HttpClient.Builder.NO_PROXY)
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                return "it exited during start-up";
            }
            try {
                HttpResponse<String> response =
                        http.send(
                                HttpRequest.newBuilder(address().resolve("/info"))
                                        .timeout(Duration.ofSeconds(5))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("Apache Flink")) {
                    return null;
                }
                last = response.statusCode() + ": " + response.body();
            } catch (IOException notYet) {
                last = String.valueOf(notYet.getMessage());
            }
            Thread.sleep(100);
        }
        return "no answer on " + address() + " within " + START_TIMEOUT.toSeconds() + " s: " + last;
    }

    /** {@code 127.0.0.1:<port>}, the value of {@code sql-client.sh gateway -e}. */
    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI address() {
        return URI.create("http://" + hostAndPort());
    }

    /** The gateway's {@code FLINK_CONF_DIR}, which a SQL client of the same installation reads. */
    public Path confDir() {
        return confDir;
    }

    /** The last lines of the gateway's log, for failure messages. */
    public String diagnostics() {
        return gateway == null ? "(no SQL gateway)" : gateway.tail();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        if (gateway != null) {
            throwable.addSuppressed(new GatewayLogs(gateway.tail()));
        }
        throw throwable;
    }

    /** Stops the gateway (the one running then) when the test class's store closes. */
    private record Running(SqlGatewayExtension extension)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            extension.gateway.close();
        }
    }

    /** The gateway's log tail, attached to a failing test's exception. */
    static final class GatewayLogs extends Exception {
        GatewayLogs(String tail) {
            super("SQL gateway logs:\n" + tail, null, false, false);
        }
    }
}
