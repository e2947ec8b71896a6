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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ALTER MATERIALIZED VIEW v AUTO REFRESH YES|NO} as a user types it: NO to YES starts the
 * continuous pipeline from the last REFRESH's savepoint (new rows appear without REFRESH, refreshed
 * rows are not repeated); YES to NO suspends it with a savepoint, and the next REFRESH continues
 * exactly from there.
 */
class AlterAutoRefreshITCase extends WarehouseSessionTestBase {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void switchesBetweenManualAndAutoRefreshWithoutLossOrDuplicates() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("alter_auto", 2);
        run(
                "CREATE MATERIALIZED VIEW my_view AS SELECT partition_key, sequence_number,"
                        + " JSON_PARSE(kinesis_data) AS kinesis_data FROM kds.alter_auto"
                        + " WHERE CAN_JSON_PARSE(kinesis_data)");
        List<TestRecord> put = new ArrayList<>(stream.putStrings("{\"n\":1}", "{x", "{\"n\":2}"));
        assertThat(run("REFRESH MATERIALIZED VIEW my_view").rowsAdded()).isEqualTo(2);
        assertThat(rows()).containsExactlyInAnyOrderElementsOf(expected(put));

        assertThat(run("ALTER MATERIALIZED VIEW my_view AUTO REFRESH YES").message())
                .isEqualTo("ALTER MATERIALIZED VIEW");
        put.addAll(stream.putStrings("{\"n\":3}", "{\"n\":4}", "{bad"));
        assertThat(await(4)).containsExactlyInAnyOrderElementsOf(expected(put));

        run("ALTER MATERIALIZED VIEW my_view AUTO REFRESH NO");
        put.addAll(stream.putStrings("{\"n\":5}", "{\"n\":6}"));
        Thread.sleep(2000); // two auto-refresh intervals: a still running pipeline would commit
        assertThat(rows()).hasSize(4);
        assertThat(run("REFRESH MATERIALIZED VIEW my_view").rowsAdded()).isEqualTo(2);
        assertThat(rows()).containsExactlyInAnyOrderElementsOf(expected(put));
    }

    private List<Row> rows() throws Exception {
        return run("SELECT partition_key, sequence_number, kinesis_data FROM my_view")
                .query()
                .rows();
    }

    private List<Row> await(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Row> rows = rows();
        while (rows.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            rows = rows();
        }
        Thread.sleep(1500); // two more commits: nothing beyond the expected rows arrives
        return rows();
    }

    static List<Row> expected(List<TestRecord> put) {
        List<Row> rows = new ArrayList<>();
        for (TestRecord record : put) {
            String data = new String(record.data(), StandardCharsets.UTF_8);
            if (data.startsWith("{\"")) {
                rows.add(Row.of(record.partitionKey(), record.sequenceNumber(), data));
            }
        }
        return rows;
    }
}
