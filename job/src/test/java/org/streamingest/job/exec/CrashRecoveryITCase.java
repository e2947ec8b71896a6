package org.streamingest.job.exec;

import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session that ends without suspending its pipelines (the process is killed, the machine reboots)
 * loses and duplicates nothing: the next session resumes every AUTO REFRESH YES view from the last
 * checkpoint its pipeline completed, whose Iceberg commit is the view's last committed state.
 */
class CrashRecoveryITCase extends WarehouseSessionTestBase {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anAutoRefreshViewResumesFromItsLastCheckpointAfterACrash() throws Exception {
        // Given an AUTO REFRESH view that committed some records
        TestStream stream = KINESIS.streams().createNamed("crash_auto", 2);
        run(
                "CREATE MATERIALIZED VIEW v AUTO REFRESH YES AS SELECT partition_key,"
                        + " sequence_number, JSON_PARSE(kinesis_data) AS kinesis_data"
                        + " FROM kds.crash_auto WHERE CAN_JSON_PARSE(kinesis_data)");
        List<TestRecord> put = new ArrayList<>(stream.putStrings(json(1, 6)));
        assertThat(await(put)).containsExactlyInAnyOrderElementsOf(expected(put));

        // When the session dies without a savepoint or giving up its lease, records keep
        // arriving, and a new one opens (and takes the view over once the lease expired)
        executor.abandon();
        cluster.close();
        put.addAll(stream.putStrings(json(6, 10)));
        startSession();

        // Then the view holds every record exactly once
        assertThat(await(put)).containsExactlyInAnyOrderElementsOf(expected(put));
    }

    @Override
    protected Map<String, String> catalogOptions() {
        return Map.of("lease.timeout", "2 s");
    }

    private static String[] json(int from, int to) {
        String[] records = new String[to - from];
        for (int i = from; i < to; i++) {
            records[i - from] = "{\"n\":" + i + "}";
        }
        return records;
    }

    private static List<Row> expected(List<TestRecord> put) {
        List<Row> rows = new ArrayList<>();
        for (TestRecord record : put) {
            rows.add(
                    Row.of(
                            record.partitionKey(),
                            record.sequenceNumber(),
                            new String(record.data(), StandardCharsets.UTF_8)));
        }
        return rows;
    }

    /** The view's rows once it holds at least as many as were put (duplicates would show). */
    private List<Row> await(List<TestRecord> put) throws Exception {
        String select =
                "SELECT partition_key, sequence_number, JSON_SERIALIZE(kinesis_data) FROM v";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Row> rows = run(select).query().rows();
        while (rows.size() < put.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            rows = run(select).query().rows();
        }
        Thread.sleep(2_000); // a second commit interval: rows read twice would be committed too
        return run(select).query().rows();
    }
}
