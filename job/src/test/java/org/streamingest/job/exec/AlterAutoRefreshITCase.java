package org.streamingest.job.exec;

import org.streamingest.job.sql.RedshiftSqlParser;
import org.streamingest.job.sql.Statement;
import org.streamingest.job.warehouse.Warehouse;
import org.streamingest.job.warehouse.WarehouseLocation;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * {@code ALTER MATERIALIZED VIEW v AUTO REFRESH YES|NO} as a user types it: NO to YES starts the
 * continuous pipeline from the last REFRESH's savepoint (new rows appear without REFRESH, refreshed
 * rows are not repeated); YES to NO suspends it with a savepoint, and the next REFRESH continues
 * exactly from there.
 */
class AlterAutoRefreshITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @TempDir Path dir;

    private FlinkCluster cluster;
    private Warehouse warehouse;
    private StatementExecutor executor;
    private final RedshiftSqlParser parser = new RedshiftSqlParser();

    @BeforeEach
    void open() throws Exception {
        cluster = FlinkCluster.embedded();
        warehouse =
                new Warehouse(
                        WarehouseLocation.of(dir.toString()),
                        cluster,
                        Map.of(
                                "aws.endpoint", KINESIS.endpoint().toString(),
                                "aws.region", KINESIS.region().id()),
                        Map.of());
        executor = new StatementExecutor(warehouse, line -> {});
    }

    @AfterEach
    void close() throws Exception {
        executor.close();
        warehouse.close();
        cluster.close();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void switchesBetweenManualAndAutoRefreshWithoutLossOrDuplicates() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("alter_auto", 2);
        run("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
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

    private StatementResult run(String sql) throws Exception {
        List<Statement> statements = parser.parseScript(sql);
        assertThat(statements).hasSize(1);
        return executor.execute(statements.get(0));
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
