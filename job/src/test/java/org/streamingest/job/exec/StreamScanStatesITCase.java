package org.streamingest.job.exec;

import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.types.Row;

import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sys_stream_scan_states}: per view, shard and refresh, the records the view's pipeline
 * scanned and skipped (its WHERE CAN_JSON_PARSE guard false), their bytes, the last sequence number
 * read and the arrival times, exact against what was put, across a restart of the session and a
 * pipeline cancelled between checkpoints (its records read again, counted once), with the scheduled
 * table maintenance compacting the figures' table meanwhile.
 */
class StreamScanStatesITCase extends WarehouseSessionTestBase {

    private static final String GUARDED =
            " AS SELECT shard_id, sequence_number, JSON_PARSE(kinesis_data) AS data FROM kds.";

    private static final String STATES =
            "SELECT partition_id, record_time, latest_position, scanned_rows, skipped_rows,"
                    + " scanned_bytes, stream_record_time_min, stream_record_time_max"
                    + " FROM sys_stream_scan_states WHERE mv_name = 'v'"
                    + " ORDER BY record_time, partition_id";

    /** Table maintenance every 2 s: it compacts the scan table of an AUTO REFRESH view too. */
    @Override
    protected Map<String, String> catalogOptions() {
        return Map.of("maintenance.interval", "2 s");
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void manualRefreshesRecordOneRowPerShardAndRefreshAcrossARestart() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("scan_manual", 2);
        run(
                "CREATE MATERIALIZED VIEW v"
                        + GUARDED
                        + "scan_manual WHERE CAN_JSON_PARSE(kinesis_data)");

        // Given records, some not JSON, put before the first refresh
        Instant putFrom = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<TestRecord> first = stream.putStrings(payloads(0, 12));
        Instant putTo = Instant.now().plusMillis(1);
        assertThat(run("REFRESH MATERIALIZED VIEW v").rowsAdded()).isEqualTo(good(first));

        // Then one row per shard that had records, with exactly what was put in it
        List<Row> states = run(STATES).query().rows();
        assertThat(states).hasSize(shards(first).size());
        assertStates(states, first, putFrom, putTo);
        LocalDateTime refreshTime = (LocalDateTime) states.get(0).getField(1);
        assertThat(states).allSatisfy(r -> assertThat(r.getField(1)).isEqualTo(refreshTime));

        // When the session ends and another one refreshes after more records were put
        closeSession();
        startSession();
        putFrom = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<TestRecord> second = stream.putStrings(payloads(12, 9));
        putTo = Instant.now().plusMillis(1);
        assertThat(run("REFRESH MATERIALIZED VIEW v").rowsAdded()).isEqualTo(good(second));

        // Then the first refresh's rows are unchanged and the second's count only its records
        List<Row> all = run(STATES).query().rows();
        assertThat(all.subList(0, states.size())).containsExactlyElementsOf(states);
        List<Row> added = all.subList(states.size(), all.size());
        assertThat(added).hasSize(shards(second).size());
        assertStates(added, second, putFrom, putTo);
        assertThat((LocalDateTime) added.get(0).getField(1)).isAfter(refreshTime);

        // And the totals a user would sum are exactly what was put, by shard
        List<TestRecord> everything = new ArrayList<>(first);
        everything.addAll(second);
        assertThat(
                        run("SELECT partition_id, SUM(scanned_rows), SUM(skipped_rows)"
                                        + " FROM sys_stream_scan_states GROUP BY partition_id"
                                        + " ORDER BY partition_id")
                                .query()
                                .rows())
                .containsExactlyElementsOf(
                        shards(everything).entrySet().stream()
                                .map(
                                        e ->
                                                Row.of(
                                                        e.getKey(),
                                                        (long) e.getValue().size(),
                                                        (long) e.getValue().size()
                                                                - good(e.getValue())))
                                .toList());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void anAutoRefreshViewCountsEveryRecordOnceAcrossACancelledPipeline() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("scan_auto", 2);
        run(
                "CREATE MATERIALIZED VIEW v AUTO REFRESH YES"
                        + GUARDED
                        + "scan_auto WHERE CAN_JSON_PARSE(kinesis_data)");
        List<TestRecord> put = new ArrayList<>(stream.putStrings(payloads(0, 10)));
        awaitScanned(put.size());

        // When the pipeline is cancelled (as a crash would end it) after records it read but did
        // not commit yet, and a new session resumes it from its last retained checkpoint
        put.addAll(stream.putStrings(payloads(10, 10)));
        cancelPipeline();
        executor.close();
        executor = new StatementExecutor(warehouse, progress::add);
        put.addAll(stream.putStrings(payloads(20, 5)));

        // Then every record is counted exactly once, in the view and in its scan states
        awaitScanned(put.size());
        assertThat(run("SELECT COUNT(*) FROM v").query().rows())
                .containsExactly(Row.of((long) good(put)));
        Thread.sleep(2_000); // a few more commits: nothing may be added to the figures
        Map<String, long[]> byShard = new TreeMap<>();
        for (Row r : run(STATES).query().rows()) {
            long[] sums = byShard.computeIfAbsent((String) r.getField(0), k -> new long[3]);
            sums[0] += (Long) r.getField(3);
            sums[1] += (Long) r.getField(4);
            sums[2] += (Long) r.getField(5);
        }
        Map<String, long[]> expected = new TreeMap<>();
        shards(put)
                .forEach(
                        (shard, records) ->
                                expected.put(
                                        shard,
                                        new long[] {
                                            records.size(),
                                            records.size() - good(records),
                                            bytes(records)
                                        }));
        assertThat(byShard).containsOnlyKeys(expected.keySet());
        expected.forEach((shard, sums) -> assertThat(byShard.get(shard)).containsExactly(sums));

        // And the scheduled maintenance rewrote the scan table's small files beside the pipeline
        assertThat(warehouse.catalog().catalog().loadTable(scanTable()).snapshots())
                .anySatisfy(s -> assertThat(s.operation()).isEqualTo("replace"));
    }

    private static TableIdentifier scanTable() {
        return TableIdentifier.of("pg_catalog", "mv_scan_states_6_public_v");
    }

    /** Payloads {@code from .. from+count-1}: every third is not JSON. */
    private static List<String> payloads(int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> i % 3 == 2 ? "not json " + i : "{\"n\":" + i + "}")
                .toList();
    }

    private static long good(List<TestRecord> records) {
        return records.stream().filter(r -> r.dataAsString().startsWith("{")).count();
    }

    private static long bytes(List<TestRecord> records) {
        return records.stream().mapToLong(r -> r.data().length).sum();
    }

    private static Map<String, List<TestRecord>> shards(List<TestRecord> records) {
        return records.stream()
                .collect(
                        Collectors.groupingBy(
                                TestRecord::shardId, TreeMap::new, Collectors.toList()));
    }

    /** One row per shard of {@code put} (in shard order), exactly its figures. */
    private static void assertStates(
            List<Row> states, List<TestRecord> put, Instant putFrom, Instant putTo) {
        Map<String, Row> byShard = new LinkedHashMap<>();
        states.forEach(r -> byShard.put((String) r.getField(0), r));
        shards(put)
                .forEach(
                        (shard, records) -> {
                            Row row = byShard.get(shard);
                            assertThat(row).as("shard %s", shard).isNotNull();
                            assertThat(row.getField(2))
                                    .isEqualTo(records.get(records.size() - 1).sequenceNumber());
                            assertThat(row.getField(3)).isEqualTo((long) records.size());
                            assertThat(row.getField(4))
                                    .isEqualTo((long) records.size() - good(records));
                            assertThat(row.getField(5)).isEqualTo(bytes(records));
                            LocalDateTime min = (LocalDateTime) row.getField(6);
                            LocalDateTime max = (LocalDateTime) row.getField(7);
                            assertThat(min).isBeforeOrEqualTo(max);
                            assertThat(min.toInstant(ZoneOffset.UTC))
                                    .isAfterOrEqualTo(putFrom.minusSeconds(1));
                            assertThat(max.toInstant(ZoneOffset.UTC))
                                    .isBeforeOrEqualTo(putTo.plusSeconds(1));
                        });
    }

    /** Waits until the scan states of {@code v} count {@code count} records. */
    private void awaitScanned(long count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long scanned = 0;
        while (System.nanoTime() < deadline) {
            Object sum =
                    run("SELECT SUM(scanned_rows) FROM sys_stream_scan_states WHERE mv_name = 'v'")
                            .query()
                            .rows()
                            .get(0)
                            .getField(0);
            scanned = sum == null ? 0 : (Long) sum;
            if (scanned >= count) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(scanned).isEqualTo(count);
    }

    /** Cancels the running pipeline of {@code v} on the cluster, behind the session's back. */
    private void cancelPipeline() throws Exception {
        for (JobStatusMessage job : cluster.client().listJobs().get()) {
            if (job.getJobName().equals("mv public.v") && !job.getJobState().isTerminalState()) {
                cluster.client().cancel(job.getJobId()).get();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (cluster.client().getJobStatus(job.getJobId()).get() != JobStatus.CANCELED) {
                    assertThat(System.nanoTime()).isLessThan(deadline);
                    Thread.sleep(100);
                }
                return;
            }
        }
        throw new AssertionError("No running pipeline of public.v");
    }
}
