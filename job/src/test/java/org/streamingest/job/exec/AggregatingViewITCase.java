package org.streamingest.job.exec;

import org.streamingest.kinesis.testing.RecordEntry;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aggregating views (GROUP BY) write upserts keyed by their GROUP BY columns: after two rounds of
 * puts, the second updating existing keys, SELECT shows exactly one row per key with the totals of
 * every valid record, for manual REFRESH and for AUTO REFRESH YES.
 */
class AggregatingViewITCase extends WarehouseSessionTestBase {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void manualRefreshUpsertsOneRowPerKey() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("agg_manual", 2);
        run(create("totals", "NO", "agg_manual"));
        putFirstRound(stream);
        run("REFRESH MATERIALIZED VIEW totals");
        assertThat(rows()).containsExactlyInAnyOrder(Row.of("a", 2L, 3L), Row.of("b", 1L, 10L));
        putSecondRound(stream);
        run("REFRESH MATERIALIZED VIEW totals");
        assertThat(rows())
                .containsExactlyInAnyOrder(
                        Row.of("a", 3L, 7L), Row.of("b", 2L, 30L), Row.of("c", 1L, 5L));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void autoRefreshUpsertsOneRowPerKey() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("agg_auto", 2);
        run(create("totals", "YES", "agg_auto"));
        putFirstRound(stream);
        assertThat(await(Row.of("a", 2L, 3L), Row.of("b", 1L, 10L)))
                .containsExactlyInAnyOrder(Row.of("a", 2L, 3L), Row.of("b", 1L, 10L));
        putSecondRound(stream);
        Row[] second = {Row.of("a", 3L, 7L), Row.of("b", 2L, 30L), Row.of("c", 1L, 5L)};
        assertThat(await(second)).containsExactlyInAnyOrder(second);
    }

    private static String create(String view, String auto, String stream) {
        return "CREATE MATERIALIZED VIEW "
                + view
                + " AUTO REFRESH "
                + auto
                + " AS SELECT partition_key, COUNT(*) AS n,"
                + " SUM(JSON_EXTRACT_PATH_TEXT(FROM_VARBYTE(kinesis_data, 'utf-8'), 'v')::int)"
                + " AS total FROM kds."
                + stream
                + " WHERE CAN_JSON_PARSE(kinesis_data) GROUP BY partition_key";
    }

    private static void putFirstRound(TestStream stream) {
        stream.put(
                List.of(
                        RecordEntry.utf8("a", "{\"v\":1}"),
                        RecordEntry.utf8("b", "{\"v\":10}"),
                        RecordEntry.utf8("a", "{\"v\":2}"),
                        RecordEntry.utf8("a", "{broken")));
    }

    private static void putSecondRound(TestStream stream) {
        stream.put(
                List.of(
                        RecordEntry.utf8("a", "{\"v\":4}"),
                        RecordEntry.utf8("b", "{\"v\":20}"),
                        RecordEntry.utf8("c", "{\"v\":5}")));
    }

    private List<Row> rows() throws Exception {
        List<Row> rows = run("SELECT partition_key, n, total FROM totals").query().rows();
        return rows.stream()
                .map(
                        r ->
                                Row.of(
                                        r.getField(0),
                                        ((Number) r.getField(1)).longValue(),
                                        ((Number) r.getField(2)).longValue()))
                .toList();
    }

    private List<Row> await(Row... expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Row> rows = rows();
        while (!(rows.size() == expected.length && rows.containsAll(List.of(expected)))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            rows = rows();
        }
        return rows;
    }
}
