package org.streamingest.job.exec;

import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.kinesis.testing.RecordEntry;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.types.Row;

import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Materialized views over materialized views, as in Redshift: a derived view holds its query's
 * result over its inputs as of its last refresh; REFRESH refreshes only the view, REFRESH ...
 * CASCADE the views below it first; AUTO REFRESH YES recomputes it when an input commits; DROP
 * refuses to orphan a dependent view unless CASCADE.
 */
class NestedViewITCase extends WarehouseSessionTestBase {

    private static final String ORDERS =
            "CREATE MATERIALIZED VIEW orders AS SELECT partition_key, sequence_number,"
                    + " JSON_PARSE(kinesis_data) AS kinesis_data FROM kds.%s"
                    + " WHERE CAN_JSON_PARSE(kinesis_data)";
    private static final String BIG =
            "CREATE MATERIALIZED VIEW big AS SELECT partition_key, sequence_number,"
                    + " kinesis_data.amount::int AS amount FROM orders"
                    + " WHERE kinesis_data.amount::int >= 2";
    private static final String PER_CUSTOMER =
            "CREATE MATERIALIZED VIEW per_customer AS SELECT partition_key, COUNT(*) AS n,"
                    + " SUM(amount) AS total FROM big GROUP BY partition_key";

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void refreshRecomputesOnlyTheViewAndCascadeRefreshesWhatItReadsFirst() throws Exception {
        // Given three levels: a view on a stream, a filter over it, an aggregate over the filter.
        TestStream stream = KINESIS.streams().createNamed("nested_manual", 2);
        run(String.format(ORDERS, "nested_manual"));
        run(BIG);
        run(PER_CUSTOMER);
        List<TestRecord> put = new ArrayList<>(stream.put(firstRound()));
        assertThat(rows("SELECT partition_key FROM big")).isEmpty();

        // When the stream view and the filter are refreshed (RESTRICT, the default)
        assertThat(run("REFRESH MATERIALIZED VIEW orders").rowsAdded()).isEqualTo(3);
        assertThat(run("REFRESH MATERIALIZED VIEW big").rowsAdded()).isEqualTo(2);

        // Then the filter holds exactly the matching records, and the aggregate is untouched.
        assertThat(rows("SELECT partition_key, sequence_number, amount FROM big"))
                .containsExactlyInAnyOrderElementsOf(big(put));
        assertThat(rows("SELECT partition_key FROM per_customer")).isEmpty();

        // When more records arrive and the aggregate is refreshed with CASCADE
        put.addAll(stream.put(secondRound()));
        run("REFRESH MATERIALIZED VIEW per_customer CASCADE");

        // Then every level below it was refreshed first, bottom up.
        assertThat(rows("SELECT partition_key, sequence_number, amount FROM big"))
                .containsExactlyInAnyOrderElementsOf(big(put));
        assertThat(rows("SELECT partition_key, n, total FROM per_customer"))
                .containsExactlyInAnyOrder(
                        Row.of("a", 1L, 2L), Row.of("b", 1L, 10L), Row.of("c", 2L, 12L));

        // And a refresh whose inputs did not change commits nothing.
        long snapshot = snapshotId("per_customer");
        assertThat(run("REFRESH MATERIALIZED VIEW per_customer").rowsAdded()).isZero();
        assertThat(snapshotId("per_customer")).isEqualTo(snapshot);

        // The system views tell what each view reads and how its refreshes went.
        assertThat(
                        rows(
                                "SELECT name, kind, reads, autorefresh, is_stale FROM stv_mv_info"
                                        + " ORDER BY name"))
                .containsExactly(
                        Row.of("big", "derived", "public.orders", "f", "f"),
                        Row.of("orders", "stream", "kds.nested_manual", "f", null),
                        Row.of("per_customer", "derived", "public.big", "f", "f"));
        assertThat(
                        rows(
                                "SELECT mv_name, refresh_type, status, rows_added"
                                        + " FROM pg_catalog.sys_mv_refresh_history"
                                        + " WHERE mv_name <> 'orders' ORDER BY start_time"))
                .containsExactly(
                        Row.of("big", "Manual", "Succeeded", 2L),
                        Row.of("big", "Manual", "Succeeded", 2L),
                        Row.of("per_customer", "Manual", "Succeeded", 3L),
                        Row.of("per_customer", "Manual", "Succeeded", 0L));

        // DROP refuses to leave the derived views without their input, unless CASCADE.
        assertThatThrownBy(() -> run("DROP MATERIALIZED VIEW orders"))
                .isInstanceOf(RedshiftSqlException.class)
                .hasMessageContaining("public.big")
                .hasMessageContaining("public.per_customer")
                .hasMessageContaining("CASCADE");
        run("DROP MATERIALIZED VIEW orders CASCADE");
        for (String view : List.of("orders", "big", "per_customer")) {
            assertThatThrownBy(() -> run("SELECT * FROM " + view))
                    .hasMessageContaining("Relation \"public." + view + "\" does not exist");
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void autoRefreshRecomputesAViewOverAnUpsertingViewAcrossSessions() throws Exception {
        // Given an AUTO REFRESH aggregate on a stream (upserts), and an AUTO REFRESH filter over it
        TestStream stream = KINESIS.streams().createNamed("nested_auto", 2);
        run(
                "CREATE MATERIALIZED VIEW totals AUTO REFRESH YES AS SELECT partition_key,"
                        + " SUM(JSON_EXTRACT_PATH_TEXT(FROM_VARBYTE(kinesis_data, 'utf-8'),"
                        + " 'amount')::int) AS total FROM kds.nested_auto"
                        + " WHERE CAN_JSON_PARSE(kinesis_data) GROUP BY partition_key");
        run(
                "CREATE MATERIALIZED VIEW big_customers AUTO REFRESH YES AS"
                        + " SELECT partition_key, total FROM totals WHERE total >= 5");

        // When records arrive, the derived view follows without any REFRESH
        stream.put(firstRound());
        Row[] first = {Row.of("b", 10L)};
        assertThat(await(first)).containsExactlyInAnyOrder(first);

        // also when a key's total crosses the threshold in an upsert, after a session restart
        executor.close();
        executor = new StatementExecutor(warehouse, line -> {});
        stream.put(secondRound());
        Row[] second = {Row.of("b", 10L), Row.of("c", 12L)};
        assertThat(await(second)).containsExactlyInAnyOrder(second);
        stream.put(List.of(RecordEntry.utf8("a", "{\"amount\":4}")));
        Row[] third = {Row.of("a", 7L), Row.of("b", 10L), Row.of("c", 12L)};
        assertThat(await(third)).containsExactlyInAnyOrder(third);
    }

    private static List<RecordEntry> firstRound() {
        return List.of(
                RecordEntry.utf8("a", "{\"amount\":1}"),
                RecordEntry.utf8("b", "{\"amount\":10}"),
                RecordEntry.utf8("a", "{\"amount\":2}"),
                RecordEntry.utf8("b", "{broken"));
    }

    private static List<RecordEntry> secondRound() {
        return List.of(
                RecordEntry.utf8("c", "{\"amount\":5}"), RecordEntry.utf8("c", "{\"amount\":7}"));
    }

    /** The rows {@code big} holds for the records put: amount at least 2. */
    private static List<Row> big(List<TestRecord> put) {
        List<Row> rows = new ArrayList<>();
        for (TestRecord record : put) {
            String data = new String(record.data(), StandardCharsets.UTF_8);
            if (data.contains("broken")) {
                continue;
            }
            long amount = Long.parseLong(data.replaceAll("\\D", ""));
            if (amount >= 2) {
                rows.add(Row.of(record.partitionKey(), record.sequenceNumber(), amount));
            }
        }
        return rows;
    }

    /** The rows of {@code select}, every integer widened to long (SUM's type is not the point). */
    private List<Row> rows(String select) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Row row : run(select).query().rows()) {
            Object[] fields = new Object[row.getArity()];
            for (int i = 0; i < fields.length; i++) {
                Object field = row.getField(i);
                fields[i] = field instanceof Number n ? (Object) n.longValue() : field;
            }
            rows.add(Row.of(fields));
        }
        return rows;
    }

    private List<Row> await(Row... expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Row> rows = rows("SELECT partition_key, total FROM big_customers");
        while (!(rows.size() == expected.length && rows.containsAll(List.of(expected)))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            rows = rows("SELECT partition_key, total FROM big_customers");
        }
        return rows;
    }

    private long snapshotId(String view) {
        return warehouse
                .catalog()
                .catalog()
                .loadTable(TableIdentifier.of("public", view))
                .currentSnapshot()
                .snapshotId();
    }
}
