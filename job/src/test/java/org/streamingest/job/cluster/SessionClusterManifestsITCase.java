package org.streamingest.job.cluster;

import org.streamingest.job.cli.CliProcess;
import org.streamingest.job.cli.SeedRows;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.testing.IcebergRestCatalogExtension;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warehouse's pods of k8s/base, run as Kubernetes runs them, on this machine: the serve {@code
 * Deployment}'s command ({@code bash cli.sh serve serve.sql}, the scripts of the {@code
 * streaming-ingest-cli} ConfigMap as they are), its environment the AWS overlay's {@code warehouse}
 * ConfigMap with the account's values replaced by the test's (the Iceberg REST catalog on a local
 * S3 server, kinesis-mock, S3 keys instead of IRSA), the image's paths ({@code
 * /opt/streaming-ingest/cli}, {@code /opt/flink/lib}, {@code /opt/flink/plugins}) laid out from the
 * build; the session cluster as session-cluster.yaml makes it (a standalone JobManager and
 * TaskManager with the runtime jar in their {@code lib/} and Flink's S3 plugin, savepoints on S3).
 *
 * <p>A view made with cli.sh, AUTO REFRESH YES, keeps running on the session cluster after cli.sh
 * exits; serve takes it over, and leaves it running when the pod is stopped (SIGTERM); the next
 * cli.sh takes it over again and reads exactly the valid records put, then turns AUTO REFRESH off
 * and no job of the view is left.
 */
@Tag("extended") // long: runs with -Pextended, not in the default run
class SessionClusterManifestsITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @RegisterExtension
    static final IcebergRestCatalogExtension REST = IcebergRestCatalogExtension.onS3();

    private static S3Warehouse warehouse;

    @RegisterExtension
    static final FlinkClusterExtension FLINK =
            new FlinkClusterExtension(
                    pluginEnvironment(),
                    List.of(Path.of(System.getProperty(ApplicationCluster.RUNTIME_JAR, "none"))),
                    SessionClusterManifestsITCase::sessionClusterConfiguration);

    private static final List<String> COLUMNS =
            List.of("partition_key", "shard_id", "sequence_number", "kinesis_data");
    private static final Pattern VALID = Pattern.compile("\\{\"order_id\":\\d+}");
    private static final String JOB_NAME = "mv public.serve_view";

    @TempDir static Path image;
    @TempDir Path dir;

    @BeforeAll
    static void layOutTheImage() throws IOException {
        // what k8s/Dockerfile copies, from the build: the CLI, the runtime jar, the plugins
        Path cli = Files.createDirectories(image.resolve("opt/streaming-ingest/cli"));
        try (Stream<Path> jars = Files.list(Path.of("target", "lib"))) {
            for (Path jar : jars.toList()) {
                Files.createSymbolicLink(cli.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        Path job = Path.of("target", "streaming-ingest-job.jar").toAbsolutePath();
        Files.createSymbolicLink(cli.resolve(job.getFileName()), job);
        Path lib = Files.createDirectories(image.resolve("opt/flink/lib"));
        Files.createSymbolicLink(
                lib.resolve("streaming-ingest-runtime.jar"),
                Path.of(System.getProperty(ApplicationCluster.RUNTIME_JAR)).toAbsolutePath());
        Files.createSymbolicLink(
                image.resolve("opt/flink/plugins"),
                Path.of(System.getProperty(ApplicationCluster.PLUGINS_DIR)).toAbsolutePath());
        // the ConfigMap mounted at /etc/streaming-ingest/cli, its paths into this image
        JsonNode scripts = S3Warehouse.manifest("base/cli-scripts.yaml").path("data");
        Path etc = Files.createDirectories(image.resolve("etc/streaming-ingest/cli"));
        for (String file : List.of("cli.sh", "serve.sql")) {
            Files.writeString(etc.resolve(file), inImage(scripts.path(file).asText()));
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void serveTakesOverTheViewsOfTheSessionClusterAndLeavesThemRunningWhenStopped()
            throws Exception {
        TestStream stream = KINESIS.streams().create("serve_script", 2);
        try {
            // Given a view made with cli.sh, whose pipeline cli.sh leaves running at exit
            List<TestRecord> put =
                    new ArrayList<>(
                            stream.putStrings("{\"order_id\":1}", "not json", "{\"order_id\":2}"));
            Result made = makeView("serve_view", true, stream);
            assertThat(made.exit()).as(made.err()).isZero();
            assertThat(made.err())
                    .contains("leaving the pipeline of public.serve_view running on the session");

            // When serve runs as its Deployment runs it
            JsonNode container =
                    S3Warehouse.manifest("base/serve.yaml").at("/spec/template/spec/containers/0");
            List<String> command = new ArrayList<>();
            container.path("command").forEach(c -> command.add(inImage(c.asText())));
            container.path("args").forEach(a -> command.add(inImage(a.asText())));
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectOutput(dir.resolve("serve.out").toFile())
                            .redirectError(dir.resolve("serve.err").toFile());
            builder.environment().putAll(podEnvironment());
            Process serve = builder.start();
            try {
                // Then it runs the serve.sql and takes the view's pipeline over
                awaitStderr(serve, "1 pipelines running [public.serve_view]");
                assertThat(serveErr()).contains("resuming the pipeline of public.serve_view");

                // And commits what is put
                put.addAll(stream.putStrings("{\"order_id\":3}", "{\"order_id\":4"));
                warehouse.awaitCommittedRows("public", "serve_view", valid(put).size());

                // When the pod is stopped (SIGTERM), the pipeline keeps running on the cluster
                serve.destroy();
                assertThat(serve.waitFor(2, TimeUnit.MINUTES)).as(serveErr()).isTrue();
                assertThat(serve.exitValue()).as(serveErr()).isZero();
                assertThat(serveErr())
                        .contains(
                                "leaving the pipeline of public.serve_view running on the session");
            } finally {
                serve.destroyForcibly();
            }
            put.addAll(stream.putStrings("{\"order_id\":5}", "{\"order_id\":6}"));
            warehouse.awaitCommittedRows("public", "serve_view", valid(put).size());

            // And the next cli.sh takes it over again: every valid record once
            Result read =
                    cliSh(
                            "run",
                            "SELECT * FROM serve_view;\n"
                                    + "ALTER MATERIALIZED VIEW serve_view AUTO REFRESH NO;\n");
            assertThat(read.exit()).as(read.err()).isZero();
            assertThat(read.err()).contains("resuming the pipeline of public.serve_view");
            assertThat(SeedRows.read(read.out(), COLUMNS))
                    .containsExactlyInAnyOrderElementsOf(valid(put));

            // And with AUTO REFRESH off, no job of the view runs any more
            assertThat(FLINK.jobs())
                    .filteredOn(job -> job.name().equals(JOB_NAME))
                    .isNotEmpty()
                    .allSatisfy(job -> assertThat(job.state()).isIn("FINISHED", "CANCELED"));
        } finally {
            stream.delete();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aViewRunsAsTheFlinkSessionJobOfTheAwsOverlayAndGivesItsLeaseUpWhenStopped()
            throws Exception {
        TestStream stream = KINESIS.streams().create("session_job", 2);
        try {
            // Given a view made with cli.sh (AUTO REFRESH NO: the session job runs it)
            List<TestRecord> put =
                    new ArrayList<>(
                            stream.putStrings("{\"order_id\":1}", "not json", "{\"order_id\":2}"));
            Result made = makeView("my_other_view", false, stream);
            assertThat(made.exit()).as(made.err()).isZero();

            // When the operator submits view-session-job.yaml: the jar uploaded, then run with
            // the manifest's entry class, arguments and configuration
            JsonNode job = S3Warehouse.manifest("overlays/aws/view-session-job.yaml").path("spec");
            assertThat(job.at("/job/jarURI").asText()).endsWith(".jar");
            String jar =
                    FLINK.rest()
                            .uploadJar(Path.of(System.getProperty(ApplicationCluster.RUNTIME_JAR)));
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("entryClass", job.at("/job/entryClass").asText());
            request.put(
                    "programArgsList",
                    warehouse.viewArgs(
                            job.at("/job/args"),
                            Map.of(
                                    "aws.region",
                                    KINESIS.region().id(),
                                    "aws.endpoint",
                                    KINESIS.endpoint().toString())));
            request.put("parallelism", job.at("/job/parallelism").asInt());
            request.put(
                    "flinkConfiguration",
                    warehouse.flinkConfiguration(job.path("flinkConfiguration")));
            String jobId =
                    FLINK.rest()
                            .post(
                                    "/jars/" + jar + "/run",
                                    new ObjectMapper().writeValueAsString(request),
                                    // the operator waits kubernetes.operator.flink.client.timeout
                                    Duration.ofMinutes(2))
                            .path("jobid")
                            .asText();

            // Then the request returned while the job runs, and the job commits what is put
            FLINK.awaitRunning(jobId, Duration.ofMinutes(2));
            assertThat(FLINK.jobs())
                    .filteredOn(j -> j.id().equals(jobId))
                    .singleElement()
                    .extracting(FlinkRest.Job::name)
                    .isEqualTo("mv public.my_other_view");
            put.addAll(stream.putStrings("{\"order_id\":3}", "{\"order_id\":4"));
            warehouse.awaitCommittedRows("public", "my_other_view", valid(put).size());

            // When the operator suspends it with a savepoint into the view's directory
            String savepoints =
                    warehouse.onThisPrefix(
                            job.at("/flinkConfiguration/execution.checkpointing.savepoint-dir")
                                    .asText());
            FLINK.stopWithSavepoint(jobId, savepoints);
            awaitLeaseFree("my_other_view");
            put.addAll(stream.putStrings("{\"order_id\":5}"));

            // Then the view is free: cli.sh refreshes it from that savepoint, every record once
            Result read =
                    cliSh(
                            "run",
                            "REFRESH MATERIALIZED VIEW my_other_view;\n"
                                    + "SELECT * FROM my_other_view;\n");
            assertThat(read.exit()).as(read.err()).isZero();
            assertThat(read.err())
                    .contains("REFRESH MATERIALIZED VIEW public.my_other_view: 1 rows added");
            assertThat(SeedRows.read(read.out(), COLUMNS))
                    .containsExactlyInAnyOrderElementsOf(valid(put));
        } finally {
            stream.delete();
        }
    }

    private record Result(int exit, String out, String err) {}

    /** Waits until the view's lease is given up, as a user waits for the job to be suspended. */
    private static void awaitLeaseFree(String view) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String lease = warehouse.lease("public", view);
        while (lease != null && System.nanoTime() < deadline) {
            Thread.sleep(200);
            lease = warehouse.lease("public", view);
        }
        assertThat(lease).as("the lease of public.%s after its job ended", view).isNull();
    }

    /** {@code cli.sh run} of the view {@code name} over {@code stream}, as the README's step. */
    private Result makeView(String name, boolean autoRefresh, TestStream stream) throws Exception {
        return cliSh(
                "run",
                "CREATE EXTERNAL SCHEMA IF NOT EXISTS kds FROM KINESIS IAM_ROLE default;\n"
                        + "CREATE MATERIALIZED VIEW "
                        + name
                        + (autoRefresh ? " AUTO REFRESH YES" : "")
                        + " AS\n"
                        + "  SELECT partition_key, shard_id, sequence_number,"
                        + " JSON_PARSE(kinesis_data) AS kinesis_data\n"
                        + "  FROM kds.\""
                        + stream.name()
                        + "\" WHERE CAN_JSON_PARSE(kinesis_data);\n");
    }

    /**
     * {@code cli.sh COMMAND script} with the pod's environment, as {@code kubectl exec} runs it.
     */
    private Result cliSh(String command, String script) throws Exception {
        Path file =
                Files.writeString(dir.resolve(command + "-" + System.nanoTime() + ".sql"), script);
        Path out = dir.resolve(file.getFileName() + ".out");
        Path err = dir.resolve(file.getFileName() + ".err");
        ProcessBuilder builder =
                new ProcessBuilder(
                                "bash",
                                image.resolve("etc/streaming-ingest/cli/cli.sh").toString(),
                                command,
                                "--format",
                                "json",
                                file.toString())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
        builder.environment().putAll(podEnvironment());
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("cli.sh did not end; stderr:\n" + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private void awaitStderr(Process serve, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!serveErr().contains(text)) {
            assertThat(serve.isAlive()).as("serve ended; stderr:\n%s", serveErr()).isTrue();
            assertThat(System.nanoTime())
                    .as("no '%s' from serve; stderr:\n%s", text, serveErr())
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private String serveErr() throws IOException {
        return Files.readString(dir.resolve("serve.err"));
    }

    /**
     * The serve pod's environment: the AWS overlay's {@code warehouse} ConfigMap, each value naming
     * the account's resources replaced by the test's, and the credentials and PATH of the image.
     */
    private static Map<String, String> podEnvironment() {
        JsonNode base = S3Warehouse.manifest("base/warehouse-env.yaml").path("data");
        JsonNode aws = S3Warehouse.manifest("overlays/aws/warehouse-env.yaml").path("data");
        Map<String, String> env = new LinkedHashMap<>();
        base.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        aws.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        env.replaceAll((key, value) -> warehouse.onThisPrefix(value));
        env.put("AWS_REGION", KINESIS.region().id());
        env.put("FLINK_REST", FLINK.hostAndPort());
        Map<String, String> catalog = new LinkedHashMap<>(warehouse.catalogOptions());
        catalog.put("aws.endpoint", KINESIS.endpoint().toString());
        for (String option : env.get("CATALOG_OPTIONS").split("\\s+")) {
            String key = option.substring(0, option.indexOf('='));
            assertThat(catalog).as("a value for CATALOG_OPTIONS %s", key).containsKey(key);
        }
        env.put("CATALOG_OPTIONS", join(catalog));
        assertThat(env.get("FLINK_CONF_OPTIONS"))
                .startsWith("s3.aws.credentials.provider="); // IRSA there, keys here
        env.put("FLINK_CONF_OPTIONS", join(warehouse.s3Plugin()));
        env.putAll(CliProcess.LOCAL_AWS);
        env.put(
                "PATH",
                Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        env.put("STREAMING_INGEST_JAVA_OPTS", "-Xmx768m");
        return env;
    }

    private static String join(Map<String, String> options) {
        List<String> pairs = new ArrayList<>();
        options.forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(" ", pairs);
    }

    /** The session cluster's processes: credentials for kinesis-mock, the image's plugins. */
    private static Map<String, String> pluginEnvironment() {
        Map<String, String> env = new HashMap<>(CliProcess.LOCAL_AWS);
        env.put(
                "FLINK_PLUGINS_DIR",
                Path.of(System.getProperty(ApplicationCluster.PLUGINS_DIR, "none"))
                        .toAbsolutePath()
                        .toString());
        return env;
    }

    /**
     * session-cluster.yaml's flinkConfiguration, base and AWS overlay, on the test's warehouse: HA
     * and the IRSA credential provider give way to a standalone cluster and the S3 server's keys.
     */
    private static Map<String, String> sessionClusterConfiguration() {
        warehouse = new S3Warehouse(REST, "serve-script");
        Map<String, String> config = new LinkedHashMap<>();
        for (String path :
                List.of("base/session-cluster.yaml", "overlays/aws/session-cluster.yaml")) {
            config.putAll(
                    warehouse.flinkConfiguration(
                            S3Warehouse.manifest(path).path("spec").path("flinkConfiguration")));
        }
        return config;
    }

    private static String inImage(String text) {
        return text.replace("/opt/", image.resolve("opt") + "/")
                .replace("/etc/streaming-ingest/", image.resolve("etc/streaming-ingest") + "/");
    }

    private static List<List<String>> valid(List<TestRecord> put) {
        return SeedRows.expected(put, VALID, COLUMNS);
    }
}
