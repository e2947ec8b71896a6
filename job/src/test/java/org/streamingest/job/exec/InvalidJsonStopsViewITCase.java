package org.streamingest.job.exec;

import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A record JSON_PARSE rejects in a view without the CAN_JSON_PARSE guard stops the view, as in
 * Redshift: REFRESH (or the AUTO REFRESH pipeline) fails naming stream, shard and sequence number
 * of the record, the JSON error and what to do; earlier rows stay queryable; altering the view's
 * query to add the guard continues from where it stopped, so every valid record is in the view
 * exactly once.
 */
class InvalidJsonStopsViewITCase extends WarehouseSessionTestBase {

    private static final String SELECT =
            "SELECT partition_key, sequence_number, JSON_SERIALIZE(kinesis_data) FROM v";

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void refreshNamesTheBadRecordAndTheFixResumes() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("bad_json", 1);
        String view =
                "CREATE MATERIALIZED VIEW v AS SELECT partition_key, sequence_number,"
                        + " JSON_PARSE(kinesis_data) AS kinesis_data FROM kds.bad_json";
        run(view);
        List<TestRecord> put = new ArrayList<>(stream.putStrings("{\"n\":1}"));
        assertThat(run("REFRESH MATERIALIZED VIEW v").rowsAdded()).isEqualTo(1);

        put.addAll(stream.putStrings("{\"n\": 2, oops}", "{\"n\":3}"));
        TestRecord bad = put.get(1);
        assertThatThrownBy(() -> run("REFRESH MATERIALIZED VIEW v"))
                .hasMessageContaining("stream kds.bad_json")
                .hasMessageContaining(
                        "sequence number " + bad.sequenceNumber() + " in shard " + bad.shardId())
                .hasMessageContaining("byte offset 9")
                .hasMessageContaining("WHERE CAN_JSON_PARSE(kinesis_data)");
        assertThat(rows()).containsExactly(row(put.get(0)));
        List<Row> history =
                run("SELECT status, message FROM sys_mv_refresh_history ORDER BY start_time")
                        .query()
                        .rows();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).getField(0)).isEqualTo("Succeeded");
        assertThat(history.get(1).getField(0)).isEqualTo("Failed");
        assertThat((String) history.get(1).getField(1))
                .contains("sequence number " + bad.sequenceNumber());

        // A query that changes the columns or the stream is refused, the view stays as it was.
        assertThatThrownBy(() -> run(alter("partition_key AS pk, sequence_number", "bad_json")))
                .isInstanceOf(RedshiftSqlException.class)
                .hasMessageContaining("must produce the view's columns");
        KINESIS.streams().createNamed("other_json", 1);
        assertThatThrownBy(() -> run(alter(COLUMNS, "other_json")))
                .hasMessageContaining("must read the same stream, kds.bad_json");

        run(alter(COLUMNS, "bad_json") + " WHERE CAN_JSON_PARSE(kinesis_data)");
        assertThat(run("REFRESH MATERIALIZED VIEW v").rowsAdded()).isEqualTo(1);
        assertThat(rows()).containsExactlyInAnyOrder(row(put.get(0)), row(put.get(2)));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void anAutoRefreshViewStoppedByABadRecordContinuesAfterAlter() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("bad_json_auto", 2);
        run(
                "CREATE MATERIALIZED VIEW v AUTO REFRESH YES AS SELECT "
                        + COLUMNS
                        + " FROM kds.bad_json_auto");
        List<TestRecord> put = new ArrayList<>(stream.putStrings("{\"n\":1}", "{\"n\":2}"));
        assertThat(await(2)).containsExactlyInAnyOrder(row(put.get(0)), row(put.get(1)));

        put.addAll(stream.putStrings("[1, 2", "{\"n\":4}"));
        TestRecord bad = put.get(2);
        // The session reports the stop as it happens, without any statement.
        awaitStopReport();
        assertThat(progress)
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .startsWith("AUTO REFRESH stopped")
                                        .contains("sequence number " + bad.sequenceNumber())
                                        .contains("ALTER MATERIALIZED VIEW public.v AS"));
        assertThat(executor.failedPipelines())
                .extracting(Object::toString)
                .containsExactly("public.v");

        // A new session resumes the view, which stops again on the same record, before its first
        // checkpoint: the restore point stays the last checkpoint before the record.
        executor.close();
        progress.clear();
        executor = new StatementExecutor(warehouse, progress::add);
        awaitStopReport();
        run(alter(COLUMNS, "bad_json_auto") + " WHERE CAN_JSON_PARSE(kinesis_data)");
        put.addAll(stream.putStrings("{\"n\":5}"));

        List<Row> expected =
                List.of(row(put.get(0)), row(put.get(1)), row(put.get(3)), row(put.get(4)));
        assertThat(await(4)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private void awaitStopReport() throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(45).toNanos();
        while (progress.stream().noneMatch(line -> line.startsWith("AUTO REFRESH stopped"))) {
            assertThat(System.nanoTime()).as("progress: %s", progress).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static final String COLUMNS =
            "partition_key, sequence_number, JSON_PARSE(kinesis_data) AS kinesis_data";

    private static String alter(String columns, String stream) {
        return "ALTER MATERIALIZED VIEW v AS SELECT " + columns + " FROM kds." + stream;
    }

    /** The view's rows once it has at least {@code count}, and a commit interval later. */
    private List<Row> await(int count) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(45).toNanos();
        while (rows().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(2_000);
        return rows();
    }

    private static Row row(TestRecord record) {
        return Row.of(
                record.partitionKey(),
                record.sequenceNumber(),
                new String(record.data(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private List<Row> rows() throws Exception {
        return run(SELECT).query().rows();
    }
}
