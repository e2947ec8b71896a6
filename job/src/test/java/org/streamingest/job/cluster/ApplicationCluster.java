package org.streamingest.job.cluster;

import org.streamingest.kinesis.testing.FreePorts;

import org.apache.flink.configuration.Configuration;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Flink application cluster as the operator runs one in its pods: a JobManager JVM running
 * {@value #ENTRY_POINT} ({@code bin/standalone-job.sh}) with {@code --job-classname} and the
 * program arguments of a {@code FlinkDeployment}'s {@code job}, and a TaskManager JVM. Their
 * classpath is what the image's Flink {@code lib/} holds: a Flink distribution's jars plus the
 * runtime jar (system property {@value #RUNTIME_JAR}); their plugins are the image's {@code
 * plugins/} (the S3 file system, {@value #PLUGINS_DIR}). The JobManager can be killed and started
 * again with the same command, on the same ports, as Kubernetes restarts a failed pod.
 */
final class ApplicationCluster implements AutoCloseable {

    static final String ENTRY_POINT =
            "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint";
    static final String RUNTIME_JAR = "view-application.runtime-jar";
    static final String PLUGINS_DIR = "view-application.plugins-dir";

    private final Path dir;
    private final Configuration config;
    private final String classpath;
    private final Map<String, String> environment;
    private final List<String> jobManagerArgs;
    private final FlinkRest rest;
    private FlinkProcess jobManager;
    private final FlinkProcess taskManager;

    private ApplicationCluster(
            Path dir,
            Configuration config,
            String classpath,
            Map<String, String> environment,
            List<String> jobManagerArgs,
            int restPort) {
        this.dir = dir;
        this.config = config;
        this.classpath = classpath;
        this.environment = environment;
        this.jobManagerArgs = jobManagerArgs;
        this.rest = new FlinkRest(restPort);
        this.jobManager = startJobManager();
        this.taskManager = StandaloneCluster.startTaskManager(config, dir, classpath, environment);
    }

    /**
     * Starts the cluster under {@code baseDir} running {@code entryClass} with {@code args}, {@code
     * flinkConfiguration} on top of the test cluster's configuration and {@code environment} added
     * to both JVMs'.
     */
    static ApplicationCluster start(
            Path baseDir,
            String entryClass,
            List<String> args,
            Map<String, String> flinkConfiguration,
            Map<String, String> environment) {
        int[] ports = FreePorts.pick(2);
        Path dir = baseDir.resolve("application-" + ports[0]);
        Configuration config =
                StandaloneCluster.writeConfig(
                        dir,
                        ports[0],
                        ports[1],
                        2,
                        UUID.randomUUID().toString(),
                        flinkConfiguration);
        List<Path> jars = new ArrayList<>(DistributionClasspath.load());
        jars.add(requiredPath(RUNTIME_JAR));
        String classpath =
                String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
        Map<String, String> env = new HashMap<>(environment);
        env.put("FLINK_PLUGINS_DIR", requiredPath(PLUGINS_DIR).toString());
        List<String> jmArgs = new ArrayList<>(List.of("--job-classname", entryClass));
        jmArgs.addAll(args);
        return new ApplicationCluster(dir, config, classpath, env, jmArgs, ports[0]);
    }

    private static Path requiredPath(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException(
                    "System property "
                            + property
                            + " must name an existing file (got "
                            + value
                            + "): run the test through Maven (./mvnw verify -pl job -am).");
        }
        return Path.of(value);
    }

    private FlinkProcess startJobManager() {
        return StandaloneCluster.startJobManager(
                "jobmanager", ENTRY_POINT, jobManagerArgs, config, dir, classpath, environment);
    }

    FlinkRest rest() {
        return rest;
    }

    /** kill -9 of the JobManager, as a node failure or an OOM kill does to its pod. */
    void killJobManager() {
        jobManager.kill();
    }

    /** Starts the JobManager again with the same command, as Kubernetes restarts the pod. */
    void restartJobManager() {
        jobManager = startJobManager();
    }

    /**
     * Waits until the job named {@code name} runs with all its tasks, which also means the
     * application's entry class has started it; returns its id.
     */
    String awaitRunningJob(String name, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new AssertionError("The JobManager exited.\n" + diagnostics());
            }
            try {
                for (FlinkRest.Job job : rest.jobs()) {
                    if (job.name().equals(name)
                            && job.state().equals("RUNNING")
                            && allTasksRunning(job.id())) {
                        return job.id();
                    }
                }
            } catch (java.io.IOException notYet) {
                // the REST endpoint is not up yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "No running job '" + name + "' within " + timeout + "\n" + diagnostics());
    }

    private boolean allTasksRunning(String job) throws Exception {
        for (var vertex : rest.get("/jobs/" + job).path("vertices")) {
            if (!vertex.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the JobManager process has exited (the application ended); its exit code. */
    int awaitJobManagerExit(Duration timeout) throws InterruptedException {
        return jobManager.awaitExit(timeout);
    }

    String diagnostics() {
        return "Flink application cluster directory "
                + dir
                + "\n"
                + jobManager.tail()
                + "\n"
                + taskManager.tail();
    }

    @Override
    public void close() {
        try (FlinkProcess jm = jobManager;
                FlinkProcess tm = taskManager) {
            // the TaskManager stops first, then the JobManager
        }
    }
}
