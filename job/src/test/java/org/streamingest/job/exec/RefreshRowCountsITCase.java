package org.streamingest.job.exec;

import org.streamingest.kinesis.testing.RecordEntry;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows a REFRESH reports added are the rows the view changed from the moment the REFRESH began,
 * and {@code stv_mv_info} and {@code sys_mv_refresh_history} say the same: for a GROUP BY view the
 * groups that are new or changed (not one per record, as the upserts' snapshot counts said: "201
 * rows added" for a view of 6 rows), for an AUTO REFRESH YES view also the rows that its pipeline's
 * savepoint committed when it was stopped for the REFRESH (the quickstart said "16 rows added" and
 * then showed 18).
 */
class RefreshRowCountsITCase extends WarehouseSessionTestBase {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aGroupByViewCountsTheGroupsThatChanged() throws Exception {
        // Given a GROUP BY view and three records of two groups, one of them not JSON
        TestStream stream = KINESIS.streams().createNamed("counts_groups", 2);
        run(
                "CREATE MATERIALIZED VIEW tops AS SELECT partition_key, MAX(JSON_EXTRACT_PATH_TEXT("
                        + "FROM_VARBYTE(kinesis_data, 'utf-8'), 'v')::int) AS top"
                        + " FROM kds.counts_groups WHERE CAN_JSON_PARSE(kinesis_data)"
                        + " GROUP BY partition_key");
        stream.put(
                List.of(
                        RecordEntry.utf8("a", "{\"v\":1}"),
                        RecordEntry.utf8("b", "{\"v\":10}"),
                        RecordEntry.utf8("a", "{\"v\":2}"),
                        RecordEntry.utf8("a", "{broken")));

        // When it is refreshed: two groups, although three records updated them
        assertThat(run("REFRESH MATERIALIZED VIEW tops").rowsAdded()).isEqualTo(2);
        assertThat(tops()).containsExactlyInAnyOrder(Row.of("a", 2), Row.of("b", 10));

        // And again after a record that leaves a's maximum as it is and one of a new group
        stream.put(List.of(RecordEntry.utf8("a", "{\"v\":1}"), RecordEntry.utf8("c", "{\"v\":5}")));
        assertThat(run("REFRESH MATERIALIZED VIEW tops").rowsAdded()).isEqualTo(1);
        assertThat(tops())
                .containsExactlyInAnyOrder(Row.of("a", 2), Row.of("b", 10), Row.of("c", 5));

        // Then the system views say the same
        assertThat(lastRefreshRows("tops")).isEqualTo(1L);
        assertThat(history("tops")).containsExactly(2L, 1L);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anAutoRefreshViewCountsWhatThePipelineStoppedForTheRefreshCommitted() throws Exception {
        // Given the quickstart's view, AUTO REFRESH YES, whose pipeline has read records but not
        // committed them yet (it commits hourly here)
        TestStream stream = KINESIS.streams().createNamed("counts_auto", 2);
        run(
                "CREATE MATERIALIZED VIEW my_view AUTO REFRESH YES AS SELECT partition_key,"
                        + " sequence_number, JSON_PARSE(kinesis_data) AS kinesis_data"
                        + " FROM kds.counts_auto WHERE CAN_JSON_PARSE(kinesis_data)");
        stream.putStrings("{\"n\":1}", "{x", "{\"n\":2}", "{\"n\":3}");
        Thread.sleep(3000); // time to read them: the pipeline's savepoint commits what it read
        assertThat(rowCount("my_view")).isZero();

        // When it is refreshed (its pipeline stops with a savepoint, which commits the rows it
        // read, and the refresh reads the rest), then it reports the three rows the view has
        assertThat(run("REFRESH MATERIALIZED VIEW my_view").rowsAdded()).isEqualTo(3);
        assertThat(rowCount("my_view")).isEqualTo(3);

        // And the next refresh the two put since
        stream.putStrings("{\"n\":4}", "{\"n\":5}");
        Thread.sleep(3000);
        assertThat(run("REFRESH MATERIALIZED VIEW my_view").rowsAdded()).isEqualTo(2);
        assertThat(rowCount("my_view")).isEqualTo(5);
        assertThat(lastRefreshRows("my_view")).isEqualTo(2L);
        assertThat(history("my_view")).containsExactly(3L, 2L);
    }

    @Override
    protected Map<String, String> catalogOptions() {
        return Map.of("auto-refresh.interval", "1h");
    }

    private List<Row> tops() throws Exception {
        return run("SELECT partition_key, top FROM tops").query().rows();
    }

    private long rowCount(String view) throws Exception {
        return run("SELECT partition_key FROM " + view).query().rows().size();
    }

    private Long lastRefreshRows(String view) throws Exception {
        List<Row> rows =
                run("SELECT last_refresh_rows FROM stv_mv_info WHERE name = '" + view + "'")
                        .query()
                        .rows();
        assertThat(rows).hasSize(1);
        return ((Number) rows.get(0).getField(0)).longValue();
    }

    private List<Long> history(String view) throws Exception {
        return run(
                        "SELECT rows_added FROM sys_mv_refresh_history WHERE mv_name = '"
                                + view
                                + "' ORDER BY start_time")
                .query()
                .rows()
                .stream()
                .map(r -> ((Number) r.getField(0)).longValue())
                .toList();
    }
}
