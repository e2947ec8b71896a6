package org.streamingest.job.cluster;

import org.streamingest.job.cli.CliProcess;
import org.streamingest.job.cli.SeedRows;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.testing.IcebergRestCatalogExtension;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/base/view-application.yaml, run as the operator runs it: the entry class and the program
 * arguments of the AWS overlay's {@code FlinkDeployment} (a warehouse on S3 with the Iceberg REST
 * catalog), read from the manifests, on a standalone application cluster ({@code
 * StandaloneApplicationClusterEntryPoint} and a TaskManager, their own JVMs, with what the image
 * puts into Flink's {@code lib/} and {@code plugins/}), checkpoints and savepoints on the local S3
 * server through Flink's S3 plugin, the view made and read with the CLI ({@code
 * bin/streaming-ingest run}) as a user of cli.sh would. The view keeps exactly the valid records
 * put, in order of events:
 *
 * <ul>
 *   <li>the application commits what is put while it runs, holding the view's lease as the
 *       application cluster, with its job recorded there;
 *   <li>kill -9 of the JobManager, records put while it is down, the same command again (what
 *       Kubernetes does to a failed pod): nothing lost or read twice;
 *   <li>stop with a savepoint into the view's savepoint directory (the operator's upgrade), a new
 *       query with {@code ALTER MATERIALIZED VIEW ... AS}, a new application cluster: it goes on
 *       from the savepoint's position with the new query.
 * </ul>
 *
 * <p>Test-only settings, each a stand-in for what the cluster has on Kubernetes: the S3 endpoint
 * and keys (IRSA there), kinesis-mock's endpoint, loopback addresses and small memory sizes.
 */
class ViewApplicationITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @RegisterExtension
    static final IcebergRestCatalogExtension REST = IcebergRestCatalogExtension.onS3();

    private static final String JOB_NAME = "mv public.my_view";
    private static final List<String> COLUMNS =
            List.of("partition_key", "shard_id", "sequence_number", "kinesis_data");
    private static final Pattern VALID = Pattern.compile("\\{\"order_id\":\\d+}");
    private static final Pattern VALID_AND_ODD = Pattern.compile("\\{\"order_id\":\\d*[13579]}");

    @TempDir Path dir;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void theViewRunsAsAnApplicationThroughAJobManagerKillAndAnUpgradeOfItsQuery() throws Exception {
        S3Warehouse warehouse = new S3Warehouse(REST, "view-application");
        TestStream stream = KINESIS.streams().create("view_app", 2);
        try {
            // Given a view made with the CLI (AUTO REFRESH NO, so that serve leaves it alone)
            List<TestRecord> put =
                    new ArrayList<>(
                            stream.putStrings("{\"order_id\":1}", "not json", "{\"order_id\":2}"));
            cli(
                    warehouse,
                    "CREATE EXTERNAL SCHEMA IF NOT EXISTS kds FROM KINESIS IAM_ROLE default;\n"
                            + "CREATE MATERIALIZED VIEW my_view AS\n"
                            + "  SELECT partition_key, shard_id, sequence_number,"
                            + " JSON_PARSE(kinesis_data) AS kinesis_data\n"
                            + "  FROM kds.\""
                            + stream.name()
                            + "\" WHERE CAN_JSON_PARSE(kinesis_data);\n");

            // When the manifest's application runs
            Manifest manifest = Manifest.read(warehouse);
            List<TestRecord> byFirstQuery;
            try (ApplicationCluster app = start(manifest)) {
                app.awaitRunningJob(JOB_NAME, Duration.ofMinutes(2));

                // Then it commits what was put before and while it runs
                put.addAll(stream.putStrings("{\"order_id\":3}", "{\"order_id\":4"));
                warehouse.awaitCommittedRows("public", "my_view", valid(put, VALID).size());

                // And it holds the view's lease as the application cluster, naming its job: every
                // other door is refused the view's pipeline (the message: ViewLeasesTest)
                String running = app.awaitRunningJob(JOB_NAME, Duration.ofSeconds(10));
                assertThat(warehouse.lease("public", "my_view"))
                        .contains(";pid=0;session=application;")
                        .contains(";job=" + running + ";");

                // When its JobManager is killed, records arrive, and it is started again
                String before = running;
                app.killJobManager();
                put.addAll(stream.putStrings("{\"order_id\":5}", "{\"order_id\":6}"));
                app.restartJobManager();
                String after = app.awaitRunningJob(JOB_NAME, Duration.ofMinutes(2));
                assertThat(after).isNotEqualTo(before);

                // Then it commits every valid record, those put while it was down too (which
                // rows, exactly: the SELECT at the end, which covers every record put)
                put.addAll(stream.putStrings("{\"order_id\":7}"));
                warehouse.awaitCommittedRows("public", "my_view", valid(put, VALID).size());

                // When the operator upgrades it: stop with a savepoint into the view's directory
                String savepoint =
                        app.rest().stopWithSavepoint(after, manifest.savepointDirectory());
                assertThat(savepoint).startsWith(manifest.savepointDirectory() + "/");
                assertThat(app.awaitJobManagerExit(Duration.ofMinutes(1))).isZero();
                byFirstQuery = List.copyOf(put);
            }

            // And the user changes the view's query meanwhile (the lease is free again)
            put.addAll(stream.putStrings("{\"order_id\":8}", "{\"order_id\":9}"));
            cli(
                    warehouse,
                    "ALTER MATERIALIZED VIEW my_view AS\n"
                            + "  SELECT partition_key, shard_id, sequence_number,"
                            + " JSON_PARSE(kinesis_data) AS kinesis_data\n"
                            + "  FROM kds.\""
                            + stream.name()
                            + "\" WHERE CAN_JSON_PARSE(kinesis_data)"
                            + " AND MOD(CAST(JSON_EXTRACT_PATH_TEXT(FROM_VARBYTE(kinesis_data,"
                            + " 'utf8'), 'order_id', true) AS INT), 2) = 1;\n");

            // And a new application cluster runs it from the savepoint
            try (ApplicationCluster app = start(manifest)) {
                app.awaitRunningJob(JOB_NAME, Duration.ofMinutes(2));
                put.addAll(stream.putStrings("{\"order_id\":10}", "{\"order_id\":11}"));
                List<List<String>> expected = new ArrayList<>(valid(byFirstQuery, VALID));
                expected.addAll(valid(put.subList(byFirstQuery.size(), put.size()), VALID_AND_ODD));
                warehouse.awaitCommittedRows("public", "my_view", expected.size());

                // Then the first query's rows stay, and the new one went on from the position
                // kept: orders 8 and 10 filtered out, 9 and 11 in, nothing read twice
                assertThat(select(warehouse)).containsExactlyInAnyOrderElementsOf(expected);
            }
        } finally {
            stream.delete();
        }
    }

    /** Starts the manifest's application on this test's warehouse. */
    private ApplicationCluster start(Manifest manifest) {
        return ApplicationCluster.start(
                dir,
                manifest.entryClass(),
                manifest.args(),
                manifest.flinkConfiguration(),
                CliProcess.LOCAL_AWS);
    }

    private record CliResult(int exit, String out, String err) {}

    /** Runs {@code script} with the CLI on {@code warehouse}; it must succeed. */
    private String cli(S3Warehouse warehouse, String script) throws Exception {
        CliResult result = cliResult(warehouse, script);
        assertThat(result.exit()).as("stderr: %s", result.err()).isZero();
        return result.out();
    }

    private CliResult cliResult(S3Warehouse warehouse, String script) throws Exception {
        try (CliProcess process =
                CliProcess.start(
                        dir,
                        "run",
                        "script-" + UUID.randomUUID() + ".sql",
                        script,
                        cliOptions(warehouse),
                        CliProcess.LOCAL_AWS)) {
            int exit = process.waitFor(Duration.ofMinutes(3));
            return new CliResult(exit, process.out(), process.err());
        }
    }

    /** The CLI's options as cli.sh passes them, with the local servers' endpoints and keys. */
    private static List<String> cliOptions(S3Warehouse warehouse) {
        List<String> options =
                new ArrayList<>(
                        List.of(
                                "--format",
                                "json",
                                "--warehouse",
                                warehouse.uri(),
                                "--region",
                                KINESIS.region().id(),
                                "--kinesis-endpoint",
                                KINESIS.endpoint().toString()));
        warehouse
                .catalogOptions()
                .forEach((k, v) -> options.addAll(List.of("--catalog", k + "=" + v)));
        warehouse.s3Plugin().forEach((k, v) -> options.addAll(List.of("--conf", k + "=" + v)));
        return options;
    }

    private List<List<String>> select(S3Warehouse warehouse) throws Exception {
        return SeedRows.read(cli(warehouse, "SELECT * FROM my_view;\n"), COLUMNS);
    }

    private static List<List<String>> valid(List<TestRecord> put, Pattern pattern) {
        return SeedRows.expected(put, pattern, COLUMNS);
    }

    /**
     * The view application's manifests: the entry class of k8s/base/view-application.yaml, the
     * program arguments and Flink configuration of k8s/overlays/aws/view-application.yaml, each
     * value that names the AWS account's resources replaced by the test warehouse's.
     */
    private record Manifest(
            S3Warehouse warehouse,
            String entryClass,
            JsonNode awsArgs,
            JsonNode awsFlinkConfiguration) {

        static Manifest read(S3Warehouse warehouse) {
            JsonNode base = S3Warehouse.manifest("base/view-application.yaml");
            JsonNode aws = S3Warehouse.manifest("overlays/aws/view-application.yaml");
            return new Manifest(
                    warehouse,
                    base.at("/spec/job/entryClass").asText(),
                    aws.at("/spec/job/args"),
                    aws.at("/spec/flinkConfiguration"));
        }

        /** The overlay's arguments with the test's warehouse, region, catalog and servers. */
        List<String> args() {
            return warehouse.viewArgs(
                    awsArgs,
                    Map.of(
                            "aws.region",
                            KINESIS.region().id(),
                            "aws.endpoint",
                            KINESIS.endpoint().toString()));
        }

        /** The view's savepoint directory, as the overlay names it, on the test's warehouse. */
        String savepointDirectory() {
            return warehouse.onThisPrefix(
                    awsFlinkConfiguration.path("execution.checkpointing.savepoint-dir").asText());
        }

        /** The overlay's Flink configuration on the test's warehouse, one parallel pipeline. */
        Map<String, String> flinkConfiguration() {
            Map<String, String> config =
                    new LinkedHashMap<>(warehouse.flinkConfiguration(awsFlinkConfiguration));
            config.put("parallelism.default", "1");
            // A TaskManager lets go of a killed JobManager's tasks sooner than the 50 s default.
            config.put("heartbeat.timeout", "15000");
            return config;
        }
    }
}
