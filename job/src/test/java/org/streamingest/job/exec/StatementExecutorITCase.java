package org.streamingest.job.exec;

import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.job.sql.SourcePosition;
import org.streamingest.job.sql.Statement;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseLocation;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statements against a warehouse across two sessions: an AUTO REFRESH YES pipeline is suspended
 * with a savepoint when the first session ends and resumed by the next, losing and repeating
 * nothing; DROP SCHEMA of a stream schema refuses while views depend on it.
 */
class StatementExecutorITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final SourcePosition AT = new SourcePosition(1, 1);

    @TempDir Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void autoRefreshPipelineResumesInTheNextSession() throws Exception {
        TestStream stream = KINESIS.streams().create("Executor-IT", 2);
        List<TestRecord> put = new ArrayList<>(stream.putStrings("{\"n\":1}", "{\"n\":2}", "{x"));
        Statement.Query count =
                query(
                        "SELECT partition_key, sequence_number, kinesis_data FROM `public`.`my_view`");

        try (Session session = new Session()) {
            assertThat(
                            session.executor
                                    .execute(
                                            new Statement.CreateExternalSchema(
                                                    AT, "kds", false, null, "default"))
                                    .message())
                    .isEqualTo("CREATE EXTERNAL SCHEMA");
            session.executor.execute(
                    new Statement.CreateMaterializedView(
                            AT, new ObjectName("public", "my_view"), true, seed(stream.name())));
            assertThat(session.await(count, 2)).containsExactlyInAnyOrderElementsOf(expected(put));

            assertThatThrownBy(
                            () ->
                                    session.executor.execute(
                                            new Statement.DropSchema(AT, "kds", false, false)))
                    .isInstanceOf(RedshiftSqlException.class)
                    .hasMessageContaining("public.my_view")
                    .hasMessageContaining("CASCADE");
        }

        put.addAll(stream.putStrings("{\"n\":3}", "{\"n\":4}"));
        try (Session session = new Session()) {
            assertThat(session.await(count, 4)).containsExactlyInAnyOrderElementsOf(expected(put));
            put.addAll(stream.putStrings("{\"n\":5}"));
            assertThat(session.await(count, 5)).containsExactlyInAnyOrderElementsOf(expected(put));

            assertThat(
                            session.executor
                                    .execute(new Statement.DropSchema(AT, "kds", false, true))
                                    .message())
                    .isEqualTo("DROP SCHEMA");
            assertThat(session.warehouse.catalog().listDatabases())
                    .containsExactlyInAnyOrder("public", "pg_catalog");
        }
    }

    private final class Session implements AutoCloseable {
        final FlinkCluster cluster = FlinkCluster.embedded();
        final Warehouse warehouse =
                new Warehouse(
                        WarehouseLocation.of(dir.toString()),
                        cluster,
                        Map.of(
                                "aws.endpoint", KINESIS.endpoint().toString(),
                                "aws.region", KINESIS.region().id()),
                        Map.of());
        final StatementExecutor executor = new StatementExecutor(warehouse, line -> {});

        Session() throws Exception {}

        List<Row> await(Statement.Query query, int count) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            List<Row> rows = executor.execute(query).query().rows();
            while (rows.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(200);
                rows = executor.execute(query).query().rows();
            }
            Thread.sleep(1500); // two more commits: nothing beyond the expected rows arrives
            return executor.execute(query).query().rows();
        }

        @Override
        public void close() throws Exception {
            executor.close();
            warehouse.close();
            cluster.close();
        }
    }

    private static List<Row> expected(List<TestRecord> put) {
        List<Row> rows = new ArrayList<>();
        for (TestRecord record : put) {
            String data = new String(record.data(), StandardCharsets.UTF_8);
            if (data.startsWith("{\"")) {
                rows.add(Row.of(record.partitionKey(), record.sequenceNumber(), data));
            }
        }
        return rows;
    }

    private static Statement.Query seed(String stream) {
        return new Statement.Query(
                AT,
                "SELECT ...",
                "SELECT `approximate_arrival_timestamp`, `partition_key`, `shard_id`,"
                        + " `sequence_number`, `refresh_time`, JSON_PARSE(`kinesis_data`) AS"
                        + " `kinesis_data` FROM `kds`.`"
                        + stream
                        + "` WHERE CAN_JSON_PARSE(`kinesis_data`)",
                List.of(new ObjectName("kds", stream)),
                List.of());
    }

    private static Statement.Query query(String sql) {
        return new Statement.Query(AT, sql, sql, List.of(), List.of());
    }
}
