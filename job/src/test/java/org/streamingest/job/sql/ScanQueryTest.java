package org.streamingest.job.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan query a view's door hands over so that its skipped records can be counted. */
class ScanQueryTest {

    private static String scan(String select) {
        return SelectRewriter.rewrite(new ScriptStatement(select, new SourcePosition(1, 1)), false)
                .scanSql();
    }

    @Test
    void aGuardedQueryMarksTheRecordsItsWhereSkips() {
        assertThat(
                        scan(
                                "SELECT JSON_PARSE(kinesis_data) AS d FROM kds.s"
                                        + " WHERE CAN_JSON_PARSE(kinesis_data)"))
                .isEqualTo(
                        "SELECT *, CASE WHEN CAN_JSON_PARSE(`kinesis_data`) THEN 0 ELSE 1 END"
                                + " AS `$skipped` FROM `kds`.`s`");
    }

    @Test
    void anAliasAndSuperNavigationStayAsTheViewWritesThem() {
        assertThat(scan("SELECT o.shard_id FROM kds.s AS o WHERE o.kinesis_data.a = 1"))
                .startsWith("SELECT *, CASE WHEN SUPER_COMPARE(SUPER_PATH(")
                .endsWith(" THEN 0 ELSE 1 END AS `$skipped` FROM `kds`.`s` AS `o`");
    }

    @Test
    void aQueryWithoutWhereSkipsNothing() {
        assertThat(scan("SELECT shard_id, COUNT(*) FROM kds.s GROUP BY shard_id"))
                .isEqualTo("SELECT *, 0 AS `$skipped` FROM `kds`.`s`");
    }

    @Test
    void otherShapesHaveNone() {
        assertThat(scan("SELECT * FROM (SELECT * FROM kds.s) AS t WHERE t.shard_id = 'a'"))
                .isNull();
        assertThat(scan("WITH t AS (SELECT * FROM kds.s) SELECT * FROM t")).isNull();
        assertThat(scan("SELECT * FROM kds.s WHERE shard_id IN (SELECT shard_id FROM kds.s)"))
                .isNull();
    }
}
