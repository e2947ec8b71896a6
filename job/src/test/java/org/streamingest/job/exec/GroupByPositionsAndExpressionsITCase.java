package org.streamingest.job.exec;

import org.streamingest.kinesis.testing.RecordEntry;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A view on a stream that groups by select-list positions ({@code GROUP BY 1, 2}) or by expressions
 * ({@code GROUP BY DATE_TRUNC('minute', ts), ...}), as Redshift's examples do: keyed by the view's
 * columns of those items, one row per group across refreshes.
 */
class GroupByPositionsAndExpressionsITCase extends WarehouseSessionTestBase {

    private static final String DATA = "FROM_VARBYTE(kinesis_data, 'utf-8')";
    private static final String TS = "JSON_EXTRACT_PATH_TEXT(" + DATA + ", 'ts')::timestamp";
    private static final String V = "JSON_EXTRACT_PATH_TEXT(" + DATA + ", 'v')::int";

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void groupByPositions() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("group_positions", 2);
        run(
                "CREATE MATERIALIZED VIEW per_minute AS SELECT DATE_TRUNC('minute', "
                        + TS
                        + ") AS minute, partition_key, COUNT(*) AS n, SUM("
                        + V
                        + ") AS total FROM kds.group_positions"
                        + " WHERE CAN_JSON_PARSE(kinesis_data) GROUP BY 1, 2");
        assertCountsAcrossTwoRefreshes(stream);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void groupByExpressions() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("group_expressions", 2);
        run(
                "CREATE MATERIALIZED VIEW per_minute AS SELECT DATE_TRUNC('minute', "
                        + TS
                        + ") AS minute, partition_key AS pk, COUNT(*) AS n, SUM("
                        + V
                        + ") AS total FROM kds.group_expressions"
                        + " WHERE CAN_JSON_PARSE(kinesis_data)"
                        + " GROUP BY DATE_TRUNC('minute', "
                        + TS
                        + "), partition_key");
        assertCountsAcrossTwoRefreshes(stream);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aGroupNotInTheSelectListOrAPositionPastItIsRefusedWithWhatToDo() throws Exception {
        KINESIS.streams().createNamed("group_wrong", 1);
        assertThatThrownBy(
                        () ->
                                run(
                                        "CREATE MATERIALIZED VIEW v AS SELECT partition_key,"
                                                + " COUNT(*) AS n FROM kds.group_wrong GROUP BY 3"))
                .hasMessageContaining(
                        "GROUP BY position 3 is not in the select list, which has 2 columns: use a"
                                + " position from 1 to 2.");
        assertThatThrownBy(
                        () ->
                                run(
                                        "CREATE MATERIALIZED VIEW v AS SELECT COUNT(*) AS n FROM"
                                                + " kds.group_wrong GROUP BY shard_id"))
                .hasMessageContaining(
                        "GROUP BY shard_id is not a column of the view: a view on a stream with"
                                + " GROUP BY keeps one row per group")
                .hasMessageContaining("The view's columns: n.");
    }

    private void assertCountsAcrossTwoRefreshes(TestStream stream) throws Exception {
        // Given records of two minutes and two partition keys, one of them not JSON
        stream.put(
                List.of(
                        record("a", "2024-05-01 10:00:05", 1),
                        record("a", "2024-05-01 10:00:55", 2),
                        record("b", "2024-05-01 10:00:30", 10),
                        record("a", "2024-05-01 10:01:00", 4),
                        RecordEntry.utf8("a", "{broken")));

        // When refreshed, one row per minute and key
        assertThat(run("REFRESH MATERIALIZED VIEW per_minute").rowsAdded()).isEqualTo(3);
        assertThat(rows())
                .containsExactlyInAnyOrder(
                        Row.of(at("10:00"), "a", 2L, 3L),
                        Row.of(at("10:00"), "b", 1L, 10L),
                        Row.of(at("10:01"), "a", 1L, 4L));

        // And after more records of one existing group and one new, the groups updated in place
        stream.put(
                List.of(
                        record("b", "2024-05-01 10:00:59", 20),
                        record("b", "2024-05-01 10:02:00", 7)));
        assertThat(run("REFRESH MATERIALIZED VIEW per_minute").rowsAdded()).isEqualTo(2);
        assertThat(rows())
                .containsExactlyInAnyOrder(
                        Row.of(at("10:00"), "a", 2L, 3L),
                        Row.of(at("10:00"), "b", 2L, 30L),
                        Row.of(at("10:01"), "a", 1L, 4L),
                        Row.of(at("10:02"), "b", 1L, 7L));
    }

    private static RecordEntry record(String key, String ts, int v) {
        return RecordEntry.utf8(key, "{\"ts\":\"" + ts + "\",\"v\":" + v + "}");
    }

    private static LocalDateTime at(String minute) {
        return LocalDateTime.parse("2024-05-01T" + minute + ":00");
    }

    private List<Row> rows() throws Exception {
        return run("SELECT * FROM per_minute").query().rows().stream()
                .map(
                        r ->
                                Row.of(
                                        r.getField(0),
                                        r.getField(1),
                                        ((Number) r.getField(2)).longValue(),
                                        ((Number) r.getField(3)).longValue()))
                .toList();
    }
}
