package org.streamingest.job.bench;

import org.streamingest.job.cluster.FlinkClusterExtension;
import org.streamingest.job.exec.StatementExecutor;
import org.streamingest.job.exec.StatementResult;
import org.streamingest.job.sql.RedshiftSqlParser;
import org.streamingest.kinesis.testing.KinesisClients;
import org.streamingest.kinesis.testing.KinesisFixture;
import org.streamingest.kinesis.testing.KinesisServerKind;
import org.streamingest.kinesis.testing.RecordEntry;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.WarehouseLocation;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Job submission to a Flink session cluster (a main, not a test): starts the tests' standalone
 * session cluster (JobManager and TaskManager JVMs with only a Flink distribution's jars) and
 * kinesalite, creates a manual-refresh view over a stream, then runs {@code --runs} rounds of
 * REFRESH (after putting a few records) and SELECT through the CLI's executor with {@code --flink
 * HOST:PORT}, so every job carries what the product ships. Prints per statement the wall time and,
 * for REFRESH, the submission phase (planning, jar upload, job accepted), then medians of the
 * rounds after the first (a warm-up), and the metaspace the JobManager and TaskManager kept per
 * job.
 *
 * <p>Arguments: {@code [--runs 6] [--records 100]}. Exits non-zero if a refresh adds a wrong number
 * of rows.
 */
public final class SessionSubmitBenchmark {

    private static final Pattern SUBMIT = Pattern.compile("\\(submit (\\d+\\.\\d+) s");
    private static final Map<String, String> AWS_ENVIRONMENT =
            Map.of(
                    "AWS_ACCESS_KEY_ID", KinesisClients.ACCESS_KEY_ID,
                    "AWS_SECRET_ACCESS_KEY", KinesisClients.SECRET_KEY,
                    "AWS_EC2_METADATA_DISABLED", "true");

    private final RedshiftSqlParser parser = new RedshiftSqlParser();
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] argv) throws Exception {
        int runs = 6;
        int records = 100;
        for (int i = 0; i + 1 < argv.length; i += 2) {
            switch (argv[i]) {
                case "--runs" -> runs = Integer.parseInt(argv[i + 1]);
                case "--records" -> records = Integer.parseInt(argv[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        System.setProperty("aws.accessKeyId", KinesisClients.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", KinesisClients.SECRET_KEY);
        boolean ok = new SessionSubmitBenchmark().run(runs, records);
        System.exit(ok ? 0 : 1);
    }

    private boolean run(int runs, int records) throws Exception {
        Path dir = Files.createTempDirectory("submit-bench");
        FlinkClusterExtension flink = new FlinkClusterExtension(AWS_ENVIRONMENT);
        boolean ok = true;
        try (KinesisFixture kinesis = KinesisFixture.start(KinesisServerKind.KINESALITE);
                AutoCloseable stopCluster = flink.start(dir.resolve("flink"));
                FlinkCluster cluster = FlinkCluster.remote(flink.hostAndPort());
                Warehouse warehouse =
                        new Warehouse(
                                WarehouseLocation.of(dir.resolve("warehouse").toString()),
                                cluster,
                                Map.of(
                                        "aws.endpoint", kinesis.endpoint().toString(),
                                        "aws.region", kinesis.region().id(),
                                        "aws.cbor.enabled", "false"),
                                Map.of());
                StatementExecutor executor = new StatementExecutor(warehouse, progress::add)) {
            System.out.println(cluster.describe());
            TestStream stream = kinesis.streams().createNamed("bench_stream", 2);
            execute(executor, "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
            execute(
                    executor,
                    "CREATE MATERIALIZED VIEW bench_view AS SELECT shard_id, sequence_number,"
                            + " JSON_PARSE(kinesis_data) AS kinesis_data FROM kds.bench_stream"
                            + " WHERE CAN_JSON_PARSE(kinesis_data)");
            Metaspace before = Metaspace.of(flink.restAddress());
            List<Double> refresh = new ArrayList<>();
            List<Double> submit = new ArrayList<>();
            List<Double> select = new ArrayList<>();
            for (int round = 1; round <= runs; round++) {
                List<RecordEntry> entries = new ArrayList<>();
                for (int i = 0; i < records; i++) {
                    entries.add(RecordEntry.utf8("k" + i, "{\"round\":" + round + "}"));
                }
                stream.put(entries);
                progress.clear();
                long start = System.nanoTime();
                StatementResult refreshed =
                        execute(executor, "REFRESH MATERIALIZED VIEW bench_view");
                double refreshSeconds = (System.nanoTime() - start) / 1e9;
                double submitSeconds = submitPhase();
                start = System.nanoTime();
                StatementResult selected =
                        execute(executor, "SELECT COUNT(*) AS n FROM bench_view");
                double selectSeconds = (System.nanoTime() - start) / 1e9;
                if (refreshed.rowsAdded() != records) {
                    System.out.println("FAILED: REFRESH added " + refreshed.rowsAdded());
                    ok = false;
                }
                System.out.printf(
                        Locale.ROOT,
                        "round %d: REFRESH %.2f s (submit %.2f s), SELECT %.2f s (%s)%n",
                        round,
                        refreshSeconds,
                        submitSeconds,
                        selectSeconds,
                        selected.isQuery() ? selected.query().rows() : "no rows");
                if (round > 1 || runs == 1) {
                    refresh.add(refreshSeconds);
                    submit.add(submitSeconds);
                    select.add(selectSeconds);
                }
            }
            Metaspace after = Metaspace.of(flink.restAddress());
            System.out.printf(
                    Locale.ROOT,
                    "median after warm-up: REFRESH %.2f s, its submit phase %.2f s, SELECT %.2f s%n",
                    median(refresh),
                    median(submit),
                    median(select));
            int jobs = 2 * runs;
            System.out.printf(
                    Locale.ROOT,
                    "metaspace kept per job (%d jobs): JobManager %.1f MiB, TaskManager %.1f MiB%n",
                    jobs,
                    (after.jobManager - before.jobManager) / jobs / 1048576.0,
                    (after.taskManager - before.taskManager) / jobs / 1048576.0);
        }
        return ok;
    }

    private double submitPhase() {
        for (String line : progress) {
            Matcher m = SUBMIT.matcher(line);
            if (m.find()) {
                return Double.parseDouble(m.group(1));
            }
        }
        return Double.NaN;
    }

    private StatementResult execute(StatementExecutor executor, String sql) throws Exception {
        return executor.execute(parser.parseScript(sql).get(0));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? Double.NaN : (sorted.get((n - 1) / 2) + sorted.get(n / 2)) / 2;
    }

    /** Metaspace used by the JobManager and the (one) TaskManager, from their REST metrics. */
    private record Metaspace(long jobManager, long taskManager) {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final String METRIC = "metrics?get=Status.JVM.Memory.Metaspace.Used";

        static Metaspace of(URI rest) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            long jm = value(get(http, rest.resolve("/jobmanager/" + METRIC)));
            String tm =
                    get(http, rest.resolve("/taskmanagers"))
                            .path("taskmanagers")
                            .get(0)
                            .path("id")
                            .asText();
            long tmUsed = value(get(http, rest.resolve("/taskmanagers/" + tm + "/" + METRIC)));
            return new Metaspace(jm, tmUsed);
        }

        private static JsonNode get(HttpClient http, URI uri) throws Exception {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(uri).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        }

        private static long value(JsonNode metrics) {
            return metrics.size() == 0 ? 0 : metrics.get(0).path("value").asLong();
        }
    }
}
