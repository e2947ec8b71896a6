package org.streamingest.job.cluster;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Gives a test class a real standalone Flink session cluster: one JobManager and one TaskManager,
 * separate JVMs on 127.0.0.1, whose classpath is only what a Flink distribution's {@code lib/}
 * holds ({@link DistributionClasspath}) and the jars a test adds to it. Started once per class in
 * {@code beforeAll} and stopped (TaskManager, then JobManager; SIGTERM, then SIGKILL) when the
 * class is done. Configuration and logs stay in {@code target/flink-cluster/<test class>/}; a
 * failing test gets the last lines of both logs attached.
 *
 * <pre>{@code
 * @RegisterExtension static final FlinkClusterExtension FLINK = new FlinkClusterExtension(env);
 * ... "--flink", FLINK.hostAndPort() ...
 * }</pre>
 */
public final class FlinkClusterExtension
        implements BeforeAllCallback, TestExecutionExceptionHandler {

    static final int SLOTS = 4;
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FlinkClusterExtension.class);

    private final Map<String, String> environment;
    private final List<Path> libJars;
    private final Supplier<Map<String, String>> configuration;
    private volatile StandaloneCluster cluster;

    /** A cluster whose processes get {@code environment} added to the test JVM's. */
    public FlinkClusterExtension(Map<String, String> environment) {
        this(environment, List.of());
    }

    /**
     * A cluster whose {@code lib/} also holds {@code libJars}, as when an operator copies a jar
     * into a distribution's {@code lib/}. They come first on the classpath, as in a distribution,
     * where {@code flink-dist} (Flink's runtime and its dependencies) comes last.
     */
    public FlinkClusterExtension(Map<String, String> environment, List<Path> libJars) {
        this(environment, libJars, Map::of);
    }

    /**
     * A cluster as above whose config.yaml also holds {@code configuration}, asked for when the
     * cluster starts (after the extensions registered before this one started their servers).
     */
    public FlinkClusterExtension(
            Map<String, String> environment,
            List<Path> libJars,
            Supplier<Map<String, String>> configuration) {
        this.environment = Map.copyOf(environment);
        this.libJars = List.copyOf(libJars);
        this.configuration = configuration;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Path dir =
                Path.of("target", "flink-cluster", context.getRequiredTestClass().getSimpleName())
                        .toAbsolutePath();
        StandaloneCluster started = startIn(dir);
        context.getStore(NAMESPACE).put(StandaloneCluster.class, new Running(started));
    }

    /**
     * Starts the cluster outside JUnit (a benchmark's main), with its files in {@code dir}; closing
     * the result stops it.
     */
    public AutoCloseable start(Path dir) {
        return new Running(startIn(dir))::close;
    }

    private StandaloneCluster startIn(Path dir) {
        deleteRecursively(dir);
        List<Path> jars = new ArrayList<>(libJars);
        jars.addAll(DistributionClasspath.load());
        String classpath = DistributionClasspath.asClasspath(jars);
        StandaloneCluster started =
                StandaloneCluster.start(dir, classpath, SLOTS, environment, configuration.get());
        cluster = started;
        return started;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        if (cluster != null) {
            throwable.addSuppressed(new ClusterLogs(cluster.diagnostics()));
        }
        throw throwable;
    }

    /** {@code 127.0.0.1:<rest port>}, the value of {@code --flink}. */
    public String hostAndPort() {
        return "127.0.0.1:" + running().rest().port();
    }

    /** The REST endpoint, {@code http://127.0.0.1:<port>}. */
    public URI restAddress() {
        return running().rest().address();
    }

    /** Every job the cluster has run or runs ({@code GET /jobs/overview}). */
    public List<FlinkRest.Job> jobs() throws IOException, InterruptedException {
        return running().rest().jobs();
    }

    /** The cluster's REST endpoint, for the operator's requests a test makes. */
    FlinkRest rest() {
        return running().rest();
    }

    /** Waits until {@code job} and all its tasks run. */
    void awaitRunning(String job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode details = rest().get("/jobs/" + job);
            boolean running = details.path("state").asText().equals("RUNNING");
            for (JsonNode vertex : details.path("vertices")) {
                running &= vertex.path("status").asText().equals("RUNNING");
            }
            if (running) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Job " + job + " did not run within " + timeout);
    }

    /**
     * Stops {@code job} with a savepoint into {@code directory}, as the operator does, and returns
     * the savepoint's path once the job has ended.
     */
    String stopWithSavepoint(String job, String directory) throws Exception {
        return rest().stopWithSavepoint(job, directory);
    }

    private StandaloneCluster running() {
        if (cluster == null) {
            throw new IllegalStateException(
                    "The Flink cluster is not running: register FlinkClusterExtension with"
                            + " @RegisterExtension static and use it from test methods.");
        }
        return cluster;
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + dir, e);
        }
    }

    /** Stops the cluster when the test class's store closes. */
    private final class Running implements ExtensionContext.Store.CloseableResource {
        private final StandaloneCluster started;

        Running(StandaloneCluster started) {
            this.started = started;
        }

        @Override
        public void close() {
            cluster = null;
            started.close();
        }
    }

    /** The cluster's log tails, attached to a failing test's exception. */
    static final class ClusterLogs extends Exception {
        ClusterLogs(String diagnostics) {
            super("Flink session cluster logs:\n" + diagnostics, null, false, false);
        }
    }
}
