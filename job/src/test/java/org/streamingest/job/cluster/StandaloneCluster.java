package org.streamingest.job.cluster;

import org.streamingest.kinesis.testing.FreePorts;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A standalone Flink session cluster of one JobManager ({@value #JOB_MANAGER}) and one TaskManager
 * ({@value #TASK_MANAGER}), each its own JVM, started the way Flink's {@code bin/jobmanager.sh} and
 * {@code bin/taskmanager.sh} start them: {@code --configDir} with a {@code config.yaml}, the JVM
 * memory flags and the derived memory options ({@code -D}) that {@code BashJavaUtils} would
 * compute, and {@code -Dlog.file}. Everything listens on 127.0.0.1 only, on ports picked free at
 * start (retried if another process takes one first).
 */
final class StandaloneCluster implements AutoCloseable {

    static final String JOB_MANAGER =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    /**
     * What a distribution's config.yaml passes through {@code env.java.opts.all} for Java 17 and
     * what Iceberg needs: without java.nio opened, every checkpoint of an Iceberg sink fails.
     */
    static final List<String> JAVA_OPTS =
            List.of(
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED");

    /** Flink's log4j.properties, reduced to one file: {@code -Dlog.file}. */
    static final String LOG4J =
            String.join(
                    "\n",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.file.ref = MainAppender",
                    "appender.main.name = MainAppender",
                    "appender.main.type = File",
                    "appender.main.append = true",
                    "appender.main.fileName = ${sys:log.file}",
                    "appender.main.layout.type = PatternLayout",
                    "appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                    "");

    private static final String MARKER = "streamingest.test.cluster-id";
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final int slots;
    private final String marker;
    private final FlinkRest rest;
    private final FlinkProcess jobManager;
    private final FlinkProcess taskManager;

    private StandaloneCluster(
            Path dir,
            int slots,
            String marker,
            int restPort,
            FlinkProcess jobManager,
            FlinkProcess taskManager) {
        this.dir = dir;
        this.slots = slots;
        this.marker = marker;
        this.rest = new FlinkRest(restPort);
        this.jobManager = jobManager;
        this.taskManager = taskManager;
    }

    /**
     * Starts a cluster on {@code classpath} with {@code slots} task slots under {@code baseDir};
     * {@code environment} is added to both processes' (e.g. credentials their Kinesis clients find
     * through the AWS default chain). Returns once one TaskManager offers every slot.
     */
    static StandaloneCluster start(
            Path baseDir, String classpath, int slots, Map<String, String> environment) {
        return start(baseDir, classpath, slots, environment, Map.of());
    }

    /** {@link #start(Path, String, int, Map)} with {@code configuration} in its config.yaml. */
    static StandaloneCluster start(
            Path baseDir,
            String classpath,
            int slots,
            Map<String, String> environment,
            Map<String, String> configuration) {
        for (int attempt = 1; ; attempt++) {
            int[] ports = FreePorts.pick(2);
            Path dir = baseDir.resolve("cluster-" + ports[0]);
            String marker = UUID.randomUUID().toString();
            Configuration config =
                    writeConfig(dir, ports[0], ports[1], slots, marker, configuration);
            FlinkProcess jm =
                    startJobManager(
                            "jobmanager",
                            JOB_MANAGER,
                            List.of(),
                            config,
                            dir,
                            classpath,
                            environment);
            FlinkProcess tm = startTaskManager(config, dir, classpath, environment);

            StandaloneCluster cluster = new StandaloneCluster(dir, slots, marker, ports[0], jm, tm);
            String failure = new ClusterReadiness(cluster).await();
            if (failure == null) {
                return cluster;
            }
            String diagnostics = cluster.diagnostics();
            cluster.close();
            boolean portTaken = jm.logged("Address already in use") || jm.logged("BindException");
            if (portTaken && attempt < START_ATTEMPTS) {
                continue;
            }
            throw new IllegalStateException(
                    "The Flink session cluster in "
                            + dir
                            + " did not start: "
                            + failure
                            + "\n"
                            + diagnostics);
        }
    }

    /**
     * Starts a JobManager JVM named {@code name} running {@code mainClass} (a cluster entry point)
     * as {@code bin/jobmanager.sh} would: the JVM memory flags and {@code --configDir} with the
     * derived memory options, then {@code args}.
     */
    static FlinkProcess startJobManager(
            String name,
            String mainClass,
            List<String> args,
            Configuration config,
            Path dir,
            String classpath,
            Map<String, String> environment) {
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(config);
        List<String> jvm = jvm(dir);
        jvm.addAll(split(JobManagerProcessUtils.generateJvmParametersStr(spec, config)));
        List<String> all = new ArrayList<>(List.of("--configDir", dir.resolve("conf").toString()));
        all.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        all.addAll(args);
        return FlinkProcess.start(name, jvm, classpath, mainClass, all, environment, dir);
    }

    /** Starts a TaskManager JVM as {@code bin/taskmanager.sh} would. */
    static FlinkProcess startTaskManager(
            Configuration config, Path dir, String classpath, Map<String, String> environment) {
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(config);
        List<String> jvm = jvm(dir);
        jvm.addAll(split(ProcessMemoryUtils.generateJvmParametersStr(spec)));
        List<String> args = new ArrayList<>(List.of("--configDir", dir.resolve("conf").toString()));
        args.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        return FlinkProcess.start(
                "taskmanager", jvm, classpath, TASK_MANAGER, args, environment, dir);
    }

    private static List<String> jvm(Path dir) {
        List<String> jvm = new ArrayList<>(JAVA_OPTS);
        jvm.add("-Dlog4j.configurationFile=file:" + dir.resolve("conf/log4j.properties"));
        return jvm;
    }

    /**
     * Writes conf/config.yaml (with {@code extra} options on top) and conf/log4j.properties and
     * returns the configuration.
     */
    static Configuration writeConfig(
            Path dir,
            int restPort,
            int rpcPort,
            int slots,
            String marker,
            Map<String, String> extra) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("jobmanager.rpc.address", "127.0.0.1");
        options.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        options.put("jobmanager.bind-host", "127.0.0.1");
        options.put("jobmanager.memory.process.size", "1280m");
        // Each job's classloader stays behind on the JobManager and TaskManager (README, known
        // limits): room for the test's jobs and more.
        options.put("jobmanager.memory.jvm-metaspace.size", "512m");
        options.put("rest.address", "127.0.0.1");
        options.put("rest.bind-address", "127.0.0.1");
        options.put("rest.port", Integer.toString(restPort));
        options.put("taskmanager.host", "127.0.0.1");
        options.put("taskmanager.bind-host", "127.0.0.1");
        options.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        options.put("taskmanager.memory.process.size", "2g");
        options.put("taskmanager.memory.jvm-metaspace.size", "512m");
        options.put("taskmanager.memory.managed.fraction", "0.1");
        options.put("parallelism.default", "2");
        // REFRESH polls task metrics and states over REST; the JobManager caches them (10 s, 3 s).
        options.put("metrics.fetcher.update-interval", "500 ms");
        options.put("web.refresh-interval", "500 ms");
        options.put("io.tmp.dirs", dir.resolve("tmp").toString());
        options.put("web.tmpdir", dir.resolve("tmp").toString());
        options.put(MARKER, marker);
        options.putAll(extra);
        StringBuilder yaml = new StringBuilder();
        options.forEach((k, v) -> yaml.append(k).append(": '").append(v).append("'\n"));
        try {
            Files.createDirectories(dir.resolve("conf"));
            Files.createDirectories(dir.resolve("tmp"));
            Files.writeString(dir.resolve("conf/config.yaml"), yaml);
            Files.writeString(dir.resolve("conf/log4j.properties"), LOG4J);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the cluster configuration in " + dir, e);
        }
        return GlobalConfiguration.loadConfiguration(dir.resolve("conf").toString());
    }

    private static List<String> split(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    FlinkRest rest() {
        return rest;
    }

    int slots() {
        return slots;
    }

    /** The value this cluster's JobManager reports for the marker key, to tell it from others. */
    boolean answersWithMarker() throws IOException, InterruptedException {
        for (JsonNode entry : rest.get("/jobmanager/config")) {
            if (MARKER.equals(entry.path("key").asText())) {
                return marker.equals(entry.path("value").asText());
            }
        }
        return false;
    }

    List<FlinkProcess> processes() {
        return List.of(jobManager, taskManager);
    }

    /** Where the configuration and logs are, and the last lines of both processes' logs. */
    String diagnostics() {
        return "Flink cluster directory "
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
