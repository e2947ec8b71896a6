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
                                "{\"customer\":{\"id\":7,\"tier\":\"gold\"},\"qty\":3,"
                                        + "\"items\":[{\"sku\":\"a1\"}]}"),
                        Row.of(
                                at(2),
                                "k3",
                                "shardId-000000000001",
                                "3",
                                at(5),
                                "{\"customer\":{\"id\":\"8\",\"tier\":\"silver\"},\"qty\":1.5,"
                                        + "\"items\":[]}"));
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

    @Test
    void superStringEqualsAString() throws Exception {
        assertThat(
                        run(
                                "SELECT partition_key FROM my_view WHERE kinesis_data.customer.tier = 'gold'"))
                .containsExactly(Row.of("k1"));
        assertThat(
                        run(
                                "SELECT partition_key FROM my_view WHERE 'silver' = kinesis_data.customer.tier"))
                .containsExactly(Row.of("k3"));
        assertThat(
                        run(
                                "SELECT partition_key FROM my_view WHERE kinesis_data.customer.tier <> 'gold'"))
                .containsExactly(Row.of("k3"));
    }

    @Test
    void superStringCastToVarcharHasNoQuotes() throws Exception {
        List<Row> rows =
                run(
                        "SELECT partition_key, kinesis_data.customer.tier::varchar AS tier,"
                                + " CAST(kinesis_data.customer.id AS VARCHAR(10)) AS id"
                                + " FROM my_view WHERE kinesis_data.customer.tier::varchar = 'gold'");

        assertThat(rows).containsExactly(Row.of("k1", "gold", "7"));
    }

    @Test
    void superComparesWithNumbersByDynamicType() throws Exception {
        // customer 7's id is the number 7, customer "8"'s the string "8": a number never equals a
        // string, and has no order with one (Redshift's dynamic typing), so no type error either
        assertThat(run("SELECT partition_key FROM my_view WHERE kinesis_data.customer.id = 7"))
                .containsExactly(Row.of("k1"));
        assertThat(run("SELECT partition_key FROM my_view WHERE kinesis_data.customer.id = 8"))
                .isEmpty();
        assertThat(run("SELECT partition_key FROM my_view WHERE kinesis_data.customer.id = '8'"))
                .containsExactly(Row.of("k3"));
        assertThat(run("SELECT partition_key FROM my_view WHERE kinesis_data.customer.id >= 0"))
                .containsExactly(Row.of("k1"));
        assertThat(run("SELECT partition_key FROM my_view WHERE kinesis_data.qty BETWEEN 1 AND 2"))
                .containsExactly(Row.of("k3"));
        assertThat(
                        run(
                                "SELECT partition_key FROM my_view"
                                        + " WHERE kinesis_data.customer.tier IN ('gold', 'bronze')"))
                .containsExactly(Row.of("k1"));
        assertThat(
                        run(
                                "SELECT partition_key FROM my_view WHERE kinesis_data.customer.tier"
                                        + " NOT IN ('gold') AND partition_key <> 'k0'"))
                .containsExactly(Row.of("k3"));
    }

    @Test
    void arithmeticOnSuperNumbersStaysSuper() throws Exception {
        List<Row> rows =
                run(
                        "SELECT partition_key, kinesis_data.qty * 2 AS doubled,"
                                + " -kinesis_data.qty AS negated, kinesis_data.customer.tier + 1"
                                + " AS not_a_number FROM my_view WHERE kinesis_data.qty * 2 > 5");

        assertThat(rows).containsExactly(Row.of("k1", "6", "-3", null));
        assertThat(run("SELECT (kinesis_data.qty + 0.25)::decimal(5,2) FROM my_view"))
                .containsExactlyInAnyOrder(
                        Row.of(new java.math.BigDecimal("3.25")),
                        Row.of(new java.math.BigDecimal("1.75")));
    }

    @Test
    void redshiftDatePartsAndFunctionNamesRun() throws Exception {
        List<Row> rows =
                run(
                        "SELECT DATEADD(day, 1, approximate_arrival_timestamp) AS tomorrow,"
                                + " DATEDIFF(second, approximate_arrival_timestamp, refresh_time)"
                                + " AS waited, DATE_TRUNC(minute, refresh_time) AS minute,"
                                + " DECODE(2, 1, 'one', 2, 'two', 'other') AS decoded,"
                                + " LOG(100) AS log10, DATE_PART(hour, refresh_time) AS h,"
                                + " DATE_PART(dow, refresh_time) AS weekday,"
                                + " GREATEST(1, CAST(NULL AS INT), 3) AS greatest"
                                + " FROM my_view WHERE partition_key = 'k1'");

        assertThat(rows)
                .containsExactly(
                        Row.of(
                                LocalDateTime.of(2026, 1, 2, 10, 0, 0),
                                5L,
                                LocalDateTime.of(2026, 1, 1, 10, 0, 0),
                                "two",
                                2.0,
                                10.0,
                                4.0,
                                3));
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
