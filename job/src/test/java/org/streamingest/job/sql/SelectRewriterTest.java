package org.streamingest.job.sql;

import org.streamingest.warehouse.catalog.ObjectName;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelectRewriterTest {

    static final String SEED_VIEW =
            "CREATE MATERIALIZED VIEW my_view AUTO REFRESH YES AS\n"
                    + "  SELECT approximate_arrival_timestamp, partition_key, shard_id,"
                    + " sequence_number, refresh_time,\n"
                    + "         JSON_PARSE(kinesis_data) AS kinesis_data\n"
                    + "  FROM kds.my_stream_name WHERE CAN_JSON_PARSE(kinesis_data);\n";

    static final String SEED_FLINK_SELECT =
            "SELECT `approximate_arrival_timestamp`, `partition_key`, `shard_id`,"
                    + " `sequence_number`, `refresh_time`, JSON_PARSE(`kinesis_data`) AS"
                    + " `kinesis_data` FROM `kds`.`my_stream_name` WHERE"
                    + " CAN_JSON_PARSE(`kinesis_data`)";

    private static Statement.Query query(String sql) {
        return query(sql, false);
    }

    private static Statement.Query query(String sql, boolean caseSensitive) {
        return SelectRewriter.rewrite(
                new ScriptStatement(sql, new SourcePosition(1, 1)), caseSensitive);
    }

    @Test
    void seedWithDefaultRole() {
        List<Statement> statements =
                new RedshiftSqlParser()
                        .parseScript(
                                "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;\n"
                                        + SEED_VIEW
                                        + "REFRESH MATERIALIZED VIEW my_view;\n"
                                        + "SELECT * FROM my_view;");

        assertThat(statements).hasSize(4);
        Statement.CreateMaterializedView view =
                (Statement.CreateMaterializedView) statements.get(1);
        assertThat(view.position()).isEqualTo(new SourcePosition(2, 1));
        assertThat(view.autoRefresh()).isTrue();
        assertThat(view.query().flinkSql()).isEqualTo(SEED_FLINK_SELECT);
        assertThat(view.query().referencedTables())
                .containsExactly(new ObjectName("kds", "my_stream_name"));
        assertThat(view.query().aggregating()).isFalse();
        assertThat(view.query().position()).isEqualTo(new SourcePosition(3, 3));
        Statement.Query select = (Statement.Query) statements.get(3);
        assertThat(select.flinkSql()).isEqualTo("SELECT * FROM `public`.`my_view`");
        assertThat(select.position()).isEqualTo(new SourcePosition(7, 1));
    }

    @Test
    void seedWithRegionAndRoleArn() {
        List<Statement> statements =
                new RedshiftSqlParser()
                        .parseScript(
                                "CREATE EXTERNAL SCHEMA kds FROM KINESIS REGION 'us-west-2'"
                                        + " IAM_ROLE 'arn:aws:iam::123456789012:role/MyRole';\n"
                                        + SEED_VIEW);

        assertThat(statements.get(0))
                .isEqualTo(
                        new Statement.CreateExternalSchema(
                                new SourcePosition(1, 1),
                                "kds",
                                false,
                                "us-west-2",
                                "arn:aws:iam::123456789012:role/MyRole"));
        assertThat(((Statement.CreateMaterializedView) statements.get(1)).query().flinkSql())
                .isEqualTo(SEED_FLINK_SELECT);
    }

    @Test
    void castsMapRedshiftTypesToFlinkTypes() {
        assertThat(
                        query(
                                        "SELECT a::int2, b::INTEGER, c::int8, d::numeric(10,2),"
                                                + " e::float4, f::double precision, g::bool,"
                                                + " h::char(3), i::varchar(5), j::character"
                                                + " varying, k::text, l::date, m::timestamp,"
                                                + " n::timestamptz, o::varbyte FROM t")
                                .flinkSql())
                .isEqualTo(
                        "SELECT CAST(`a` AS SMALLINT) AS `a`, CAST(`b` AS INT) AS `b`, CAST(`c`"
                                + " AS BIGINT) AS `c`, CAST(`d` AS DECIMAL(10, 2)) AS `d`, CAST(`e`"
                                + " AS FLOAT) AS `e`, CAST(`f` AS DOUBLE) AS `f`, CAST(`g` AS"
                                + " BOOLEAN) AS `g`, CAST(`h` AS CHAR(3)) AS `h`, CAST(`i` AS"
                                + " VARCHAR(5)) AS `i`, CAST(`j` AS STRING) AS `j`, CAST(`k` AS"
                                + " STRING) AS `k`, CAST(`l` AS DATE) AS `l`, CAST(`m` AS"
                                + " TIMESTAMP(6)) AS `m`, CAST(`n` AS TIMESTAMP_LTZ(6)) AS `n`,"
                                + " CAST(`o` AS BYTES) AS `o` FROM `public`.`t`");
    }

    @Test
    void unsupportedCastsAreRejected() {
        assertThatThrownBy(() -> query("SELECT a::super FROM t"))
                .hasMessageContaining("use JSON_PARSE")
                .hasMessageContaining("line 1, column 11");
        assertThatThrownBy(() -> query("SELECT a,\n CAST(b AS geometry) FROM t"))
                .hasMessageContaining("Unsupported type geometry")
                .hasMessageContaining("line 2, column 12");
    }

    @Test
    void superNavigationBecomesSuperPathCalls() {
        assertThat(
                        query(
                                        "SELECT kinesis_data.customer.id, kinesis_data.items[0].sku,"
                                                + " v.kinesis_data.\"Field\", v.plain,"
                                                + " public.v.plain FROM v")
                                .flinkSql())
                .isEqualTo(
                        "SELECT SUPER_PATH(`kinesis_data`, '.\"customer\".\"id\"'),"
                                + " SUPER_PATH(`kinesis_data`, '.\"items\"[0].\"sku\"'),"
                                + " SUPER_PATH(`v`.`kinesis_data`, '.\"field\"'), `v`.`plain`,"
                                + " `public`.`v`.`plain` FROM `public`.`v`");
    }

    @Test
    void superOperandsGetRedshiftDynamicTyping() {
        assertThat(
                        query(
                                        "SELECT d.qty * 2, -d.qty, d.tier::varchar, d.id::int"
                                                + " FROM v WHERE d.tier = 'gold' AND d.id > a"
                                                + " AND d.tier NOT IN ('x', 'y') AND a = 'z'")
                                .flinkSql())
                .isEqualTo(
                        "SELECT SUPER_ARITHMETIC(SUPER_PATH(`d`, '.\"qty\"'), '*', TO_SUPER(2))"
                                + " AS `?column?`, SUPER_ARITHMETIC(TO_SUPER(0), '-',"
                                + " SUPER_PATH(`d`, '.\"qty\"')) AS `?column?`,"
                                + " CAST(SUPER_TO_VARCHAR(SUPER_PATH(`d`, '.\"tier\"')) AS STRING)"
                                + " AS `tier`, TRY_CAST(SUPER_TO_VARCHAR(SUPER_PATH(`d`,"
                                + " '.\"id\"')) AS INT) AS `id`"
                                + " FROM `public`.`v` WHERE SUPER_COMPARE(SUPER_PATH(`d`,"
                                + " '.\"tier\"'), '=', TO_SUPER('gold')) AND"
                                + " SUPER_COMPARE(SUPER_PATH(`d`, '.\"id\"'), '>', TO_SUPER(`a`))"
                                + " AND NOT (SUPER_COMPARE(SUPER_PATH(`d`, '.\"tier\"'), '=',"
                                + " TO_SUPER('x')) OR SUPER_COMPARE(SUPER_PATH(`d`, '.\"tier\"'),"
                                + " '=', TO_SUPER('y'))) AND `a` = 'z'");
    }

    @Test
    void datePartsWrittenAsBareWordsBecomeStrings() {
        assertThat(
                        query(
                                        "SELECT DATEADD(day, 1, ts), DATEDIFF(second, a, b),"
                                                + " date_part(HOUR, ts), DATE_TRUNC(minute, ts),"
                                                + " DATE_TRUNC('week', ts), DATEADD(qtr, 1, ts),"
                                                + " DATEADD(n, 1, ts), DATEADD(t.day, 1, ts)"
                                                + " FROM t")
                                .flinkSql())
                .isEqualTo(
                        "SELECT DATEADD('day', 1, `ts`) AS `dateadd`, DATEDIFF('second', `a`,"
                                + " `b`) AS `datediff`, date_part('hour', `ts`) AS `date_part`,"
                                + " DATE_TRUNC('minute', `ts`) AS `date_trunc`, DATE_TRUNC('week',"
                                + " `ts`) AS `date_trunc`, DATEADD('qtr', 1, `ts`) AS `dateadd`,"
                                + " DATEADD(`n`, 1, `ts`) AS `dateadd`, DATEADD(`t`.`day`, 1, `ts`)"
                                + " AS `dateadd` FROM `public`.`t`");
    }

    @Test
    void navigationThroughAnAliasWithNestedSubscripts() {
        assertThat(query("SELECT k.d.a[1][2] FROM kds.s AS k").flinkSql())
                .isEqualTo("SELECT SUPER_PATH(`k`.`d`, '.\"a\"[1][2]') FROM `kds`.`s` AS `k`");
    }

    @Test
    void quotedIdentifiersFoldUnlessCaseSensitive() {
        String sql = "SELECT \"Col\", Other, x.\"Attr\" FROM kds.\"MyStream\" AS X";

        assertThat(query(sql, false).flinkSql())
                .isEqualTo("SELECT `col`, `other`, `x`.`attr` FROM `kds`.`mystream` AS `x`");
        assertThat(query(sql, false).referencedTables())
                .containsExactly(new ObjectName("kds", "mystream"));
        assertThat(query(sql, true).flinkSql())
                .isEqualTo("SELECT `Col`, `other`, `x`.`Attr` FROM `kds`.`MyStream` AS `x`");
        assertThat(query(sql, true).referencedTables())
                .containsExactly(new ObjectName("kds", "MyStream"));
    }

    @Test
    void aggregationCollectsGroupByColumns() {
        Statement.Query query =
                query(
                        "SELECT v.shard_id, Partition_Key, COUNT(*) AS n FROM my_view v"
                                + " GROUP BY v.shard_id, Partition_Key HAVING COUNT(*) > 1");

        assertThat(query.flinkSql())
                .isEqualTo(
                        "SELECT `v`.`shard_id`, `partition_key`, COUNT(*) AS `n` FROM"
                                + " `public`.`my_view` `v` GROUP BY `v`.`shard_id`,"
                                + " `partition_key` HAVING COUNT(*) > 1");
        assertThat(query.groupByColumns()).containsExactly("shard_id", "partition_key");
        assertThat(query.aggregating()).isTrue();
    }

    @Test
    void groupByPositionsAndExpressionsNameTheViewsColumns() {
        Statement.Query positions =
                query(
                        "SELECT DATE_TRUNC('minute', ts) AS m, Partition_Key, COUNT(*) AS n"
                                + " FROM s.t GROUP BY 1, 2");

        assertThat(positions.flinkSql())
                .isEqualTo(
                        "SELECT DATE_TRUNC('minute', `ts`) AS `m`, `partition_key`, COUNT(*) AS"
                                + " `n` FROM `s`.`t` GROUP BY DATE_TRUNC('minute', `ts`),"
                                + " `partition_key`");
        assertThat(positions.groupByColumns()).containsExactly("m", "partition_key");

        Statement.Query expressions =
                query(
                        "SELECT DATE_TRUNC(minute, ts), partition_key AS pk, COUNT(*) AS n"
                                + " FROM s.t GROUP BY DATE_TRUNC(minute, ts), partition_key");
        assertThat(expressions.groupByColumns()).containsExactly("date_trunc", "pk");

        Statement.Query twoOfOneFunction =
                query(
                        "SELECT DATE_TRUNC(minute, ts), DATE_TRUNC(hour, ts), COUNT(*) FROM s.t"
                                + " GROUP BY 1, 2");
        assertThat(twoOfOneFunction.groupByColumns()).containsExactly("date_trunc", "date_trunc0");
    }

    @Test
    void aGroupByPositionOutsideTheSelectListSaysWhichPositionsThereAre() {
        assertThatThrownBy(() -> query("SELECT a, COUNT(*) AS n FROM s.t GROUP BY 3"))
                .hasMessageContaining(
                        "GROUP BY position 3 is not in the select list, which has 2 columns: use a"
                                + " position from 1 to 2.");
        assertThatThrownBy(() -> query("SELECT * FROM s.t GROUP BY 1"))
                .hasMessageContaining("GROUP BY position 1 refers to *: name the columns");
    }

    @Test
    void withClauseNamesAreNotTables() {
        Statement.Query query =
                query("WITH q AS (SELECT a FROM s.t JOIN u ON t.id = u.id) SELECT q.a FROM q");

        assertThat(query.flinkSql())
                .isEqualTo(
                        "WITH `q` AS (SELECT `a` FROM `s`.`t` JOIN `public`.`u` ON `t`.`id` ="
                                + " `u`.`id`) SELECT `q`.`a` FROM `q`");
        assertThat(query.referencedTables())
                .containsExactly(new ObjectName("s", "t"), new ObjectName("public", "u"));
    }

    @Test
    void topBecomesLimitAndSysdateACall() {
        assertThat(query("SELECT TOP 3 a, sysdate FROM t ORDER BY a").flinkSql())
                .isEqualTo("SELECT `a`, SYSDATE() FROM `public`.`t` ORDER BY `a` LIMIT 3");
        assertThatThrownBy(() -> query("SELECT TOP 3 PERCENT a FROM t"))
                .hasMessageContaining("TOP n PERCENT");
    }

    @Test
    void syntaxErrorsCarryScriptPositions() {
        ScriptStatement statement =
                new ScriptStatement("SELECT a\nFROM t\nWHERE a = = 1", new SourcePosition(4, 3));

        assertThatThrownBy(() -> SelectRewriter.rewrite(statement, false))
                .isInstanceOf(RedshiftSqlException.class)
                .hasMessageContaining("near '='")
                .hasMessageContaining("line 6, column 9");
    }

    @Test
    void unnamedColumnsGetRedshiftsNamesNotFlinksExprN() {
        assertThat(
                        query("SELECT count(*), COUNT(DISTINCT x), upper(s), x + 1, 1 FROM t")
                                .flinkSql())
                .isEqualTo(
                        "SELECT count(*) AS `count`, COUNT(DISTINCT `x`) AS `count`, upper(`s`) AS"
                                + " `upper`, `x` + 1 AS `?column?`, 1 AS `?column?` FROM"
                                + " `public`.`t`");
        assertThat(query("SELECT x::int, CAST(count(*) AS varchar), x, y AS z FROM t").flinkSql())
                .isEqualTo(
                        "SELECT CAST(`x` AS INT) AS `x`, CAST(count(*) AS STRING) AS `count`,"
                                + " `x`, `y` AS `z` FROM `public`.`t`");
        assertThat(query("SELECT CASE WHEN x > 1 THEN 'a' END FROM t").flinkSql())
                .isEqualTo("SELECT CASE WHEN `x` > 1 THEN 'a' END AS `case` FROM `public`.`t`");
    }
}
