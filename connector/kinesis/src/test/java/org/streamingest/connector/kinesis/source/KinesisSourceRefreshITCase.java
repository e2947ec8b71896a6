package org.streamingest.connector.kinesis.source;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.kinesis.testing.TestStreams;

import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamingest.connector.kinesis.source.TestData.entries;

/**
 * Two manual refreshes of one stream on kinesis-mock, observed the way the warehouse observes them:
 * through the {@code refreshCaughtUp} gauge on Flink's REST API, then stop-with-savepoint.
 */
@Timeout(240)
class KinesisSourceRefreshITCase {

    /** The REST metric id of the gauge, for the source named {@link #SOURCE_NAME}. */
    static final String CAUGHT_UP_METRIC = "Source__Kinesis_refresh.KinesisSource.refreshCaughtUp";

    static final String RECORDS_METRIC = "Source__Kinesis_refresh.KinesisSource.refreshRecords";

    private static final String SOURCE_NAME = "Kinesis refresh";
    private static final int PARALLELISM = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** Many metric fetches: how long a final count may take to reach the REST API. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(restMetricsEvery(Duration.ofMillis(200)))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @Test
    void eachRefreshReadsExactlyWhatWasInTheStreamWhenItBegan(
            @TempDir Path savepoints, @InjectClusterClient ClusterClient<?> cluster)
            throws Exception {
        RestMetrics rest = new RestMetrics(cluster.getWebInterfaceURL());
        TestStream stream = KINESIS.streams().create("refresh", 3);
        String output = TestStreams.uniqueName("refresh");

        // Given records in the stream, and a refresh that begins after them
        List<TestRecord> first = stream.put(entries("first", 120, 12));
        Instant t1 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String savepoint;
        List<TestRecord> late;
        try (SourceJob job = refresh(stream, output, t1).start().awaitRunning(TIMEOUT)) {
            // When every subtask reports caught up through the REST API
            String vertex = rest.awaitCaughtUp(job.jobId(), PARALLELISM, TIMEOUT);
            rest.awaitSum(job.jobId(), vertex, RECORDS_METRIC, first.size());
            assertThat(rest.metricIds(job.jobId(), vertex))
                    .as("per-shard lag gauges of caught-up shards")
                    .containsAll(
                            stream.openShardIds().stream()
                                    .map(
                                            shard ->
                                                    "Source__Kinesis_refresh.KinesisSource."
                                                            + stream.name()
                                                            + "."
                                                            + shard
                                                            + ".millisBehindLatest")
                                    .collect(Collectors.toList()));

            // Then records put now are not read by this refresh
            late = stream.put(entries("late", 30, 6));
            savepoint = job.stopWithSavepoint(savepoints, TIMEOUT);
        }
        List<ReadRecord> committed = CommittedRecords.committed(output);
        assertThat(keys(committed)).containsExactlyInAnyOrderElementsOf(keys(first));
        assertThat(committed)
                .allSatisfy(r -> assertThat(r.refreshTimeMillis).isEqualTo(t1.toEpochMilli()));

        // And the next refresh, resumed from the savepoint, reads exactly the rest
        List<TestRecord> second = new ArrayList<>(late);
        second.addAll(stream.put(entries("second", 50, 10)));
        Instant t2 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (SourceJob job =
                refresh(stream, output, t2).restoreFrom(savepoint).start().awaitRunning(TIMEOUT)) {
            String vertex = rest.awaitCaughtUp(job.jobId(), PARALLELISM, TIMEOUT);
            rest.awaitSum(job.jobId(), vertex, RECORDS_METRIC, second.size());
            job.stopWithSavepoint(savepoints, TIMEOUT);
        }
        List<ReadRecord> all = CommittedRecords.committed(output);
        Set<String> firstKeys = new HashSet<>(keys(committed));
        List<ReadRecord> secondRead =
                all.stream().filter(r -> !firstKeys.contains(key(r))).collect(Collectors.toList());
        assertThat(all).hasSize(first.size() + second.size());
        assertThat(keys(secondRead)).containsExactlyInAnyOrderElementsOf(keys(second));
        assertThat(secondRead)
                .allSatisfy(r -> assertThat(r.refreshTimeMillis).isEqualTo(t2.toEpochMilli()));
    }

    private static SourceJobBuilder refresh(TestStream stream, String output, Instant start) {
        return SourceJob.reading(stream.name(), KINESIS.endpoint())
                .named(SOURCE_NAME)
                .parallelism(PARALLELISM)
                .committedOutput(output)
                .option(KinesisSourceOptions.REFRESH_START_TIME, start.toString());
    }

    private static List<String> keys(List<ReadRecord> records) {
        return records.stream().map(KinesisSourceRefreshITCase::key).collect(Collectors.toList());
    }

    private static String key(ReadRecord r) {
        return r.shardId + "/" + r.sequenceNumber + "/" + r.data;
    }

    private static List<String> keys(Iterable<TestRecord> records) {
        List<String> keys = new ArrayList<>();
        for (TestRecord r : records) {
            keys.add(r.shardId() + "/" + r.sequenceNumber() + "/" + r.dataAsString());
        }
        return keys;
    }

    private static Configuration restMetricsEvery(Duration interval) {
        Configuration config = new Configuration();
        config.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, interval);
        return config;
    }

    /** Reads task metrics as the warehouse does: Flink's REST API over java.net.http. */
    private static final class RestMetrics {
        private final HttpClient http = HttpClient.newHttpClient();
        private final ObjectMapper json = new ObjectMapper();
        private final String base;

        RestMetrics(String webInterfaceUrl) {
            this.base = webInterfaceUrl.replace("localhost", "127.0.0.1");
        }

        /** Waits until every subtask of the source vertex reports the gauge as 1. */
        String awaitCaughtUp(JobID job, int subtasks, Duration timeout) throws Exception {
            String vertex = sourceVertex(job);
            Poll.until(
                    timeout,
                    "every subtask of job " + job + " reporting " + CAUGHT_UP_METRIC + " = 1",
                    () -> {
                        for (int i = 0; i < subtasks; i++) {
                            if (!"1".equals(subtaskValue(job, vertex, i, CAUGHT_UP_METRIC))) {
                                return false;
                            }
                        }
                        return true;
                    });
            return vertex;
        }

        /**
         * Waits until the sum of a counter over the vertex's subtasks is exactly {@code expected},
         * failing with the last sum seen. Needed after {@link #awaitCaughtUp}: a task manager's
         * metric dump reads every counter before any gauge, so the dump that first shows the
         * caught-up gauge can hold a count from a moment earlier. Once every subtask caught up the
         * count no longer changes, so the following dumps show its final value: a wrong count still
         * fails, after {@link #SETTLE}.
         */
        void awaitSum(JobID job, String vertex, String metric, long expected) {
            long[] last = {-1};
            Poll.until(
                    SETTLE,
                    () -> "the sum of " + metric + " to be " + expected + "; last seen " + last[0],
                    () -> {
                        try {
                            last[0] = sum(job, vertex, metric);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return last[0] == expected;
                    });
        }

        /** The sum of a metric over the vertex's subtasks. */
        long sum(JobID job, String vertex, String metric) throws Exception {
            JsonNode values =
                    get(
                            "/jobs/"
                                    + job
                                    + "/vertices/"
                                    + vertex
                                    + "/subtasks/metrics?agg=sum&get="
                                    + encode(metric));
            assertThat(values).as("aggregated %s", metric).hasSize(1);
            return Math.round(values.get(0).get("sum").asDouble());
        }

        /** Every metric id the vertex's subtasks report. */
        List<String> metricIds(JobID job, String vertex) throws Exception {
            List<String> ids = new ArrayList<>();
            get("/jobs/" + job + "/vertices/" + vertex + "/subtasks/metrics")
                    .forEach(metric -> ids.add(metric.get("id").asText()));
            return ids;
        }

        private String sourceVertex(JobID job) throws Exception {
            JsonNode vertices = get("/jobs/" + job).get("vertices");
            for (JsonNode vertex : vertices) {
                if (vertex.get("name").asText().startsWith("Source: " + SOURCE_NAME)) {
                    return vertex.get("id").asText();
                }
            }
            throw new AssertionError("No source vertex in job " + job + ": " + vertices);
        }

        private String subtaskValue(JobID job, String vertex, int subtask, String metric) {
            try {
                JsonNode values =
                        get(
                                "/jobs/"
                                        + job
                                        + "/vertices/"
                                        + vertex
                                        + "/subtasks/"
                                        + subtask
                                        + "/metrics?get="
                                        + encode(metric));
                return values.isEmpty() ? null : values.get(0).get("value").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private JsonNode get(String path) throws Exception {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("GET %s: %s", path, response.body())
                    .isEqualTo(200);
            return json.readTree(response.body());
        }

        private static String encode(String metric) {
            return URLEncoder.encode(metric, StandardCharsets.UTF_8);
        }
    }
}
