package org.streamingest.job.sql;

import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rewritten seed SELECT and queries over its view run on Flink with the Redshift module. */
@Timeout(120)
class FlinkSqlRewriteITCase {

    private final RedshiftSqlParser parser = new RedshiftSqlParser();
    private TableEnvironment tEnv;

    @BeforeEach
    void setUp() {
        tEnv = FlinkSqlFixture.create();
        // the seed view, created from its rewritten SELECT
        Statement.CreateMaterializedView view =
                (Statement.CreateMaterializedView)
                        parser.parseScript(SelectRewriterTest.SEED_VIEW).get(0);
        tEnv.executeSql("CREATE VIEW `public`.`my_view` AS " + view.query().flinkSql());
    }

    @Test
    void seedViewKeepsTheValidRecordsWithTheirMetadata() throws Exception {
        List<Row> rows = run("SELECT * FROM my_view");

        assertThat(rows)
                .containsExactlyInAnyOrder(
                        Row.of(
                                at(0),
                                "k1",
                                "shardId-000000000000",
                                "1",
                                at(5),
                                "{\"customer\":{\"id\":7},\"items\":[{\"sku\":\"a1\"}]}"),
                        Row.of(
                                at(2),
                                "k3",
                                "shardId-000000000001",
                                "3",
                                at(5),
                                "{\"customer\":{\"id\":8},\"items\":[]}"));
    }

    @Test
    void navigationCastsAndCaseFoldingRun() throws Exception {
        List<Row> rows =
                run(
                        "SELECT Partition_Key, kinesis_data.customer.id::int + 1 AS next_id,"
                                + " v.kinesis_data.items[0].sku AS sku FROM my_view AS V");

        assertThat(rows)
                .containsExactlyInAnyOrder(Row.of("k1", 8, "\"a1\""), Row.of("k3", 9, null));
    }

    @Test
    void aggregationWithGroupByRuns() throws Exception {
        List<Row> rows =
                run(
                        "WITH ids AS (SELECT shard_id, kinesis_data.customer.id AS id FROM"
                                + " my_view) SELECT shard_id, COUNT(*) AS n FROM ids GROUP BY"
                                + " shard_id");

        assertThat(rows)
                .containsExactlyInAnyOrder(
                        Row.of("shardId-000000000000", 1L), Row.of("shardId-000000000001", 1L));
    }

    private List<Row> run(String redshiftSelect) throws Exception {
        Statement.Query query = (Statement.Query) parser.parseScript(redshiftSelect).get(0);
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(query.flinkSql()).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static LocalDateTime at(int second) {
        return LocalDateTime.of(2026, 1, 1, 10, 0, second);
    }
}
