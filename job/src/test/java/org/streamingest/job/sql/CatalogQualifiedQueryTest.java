package org.streamingest.job.sql;

import org.streamingest.warehouse.catalog.ObjectName;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The front end for a Flink session in which the warehouse is a catalog (the SQL gateway's). */
class CatalogQualifiedQueryTest {

    private final RedshiftSqlParser parser = new RedshiftSqlParser("w");

    @Test
    void everyRelationIsQualifiedByTheCatalog() {
        Statement.CreateMaterializedView view =
                (Statement.CreateMaterializedView) parser.parse(SelectRewriterTest.SEED_VIEW);

        assertThat(view.query().flinkSql())
                .isEqualTo(
                        SelectRewriterTest.SEED_FLINK_SELECT.replace(
                                "`kds`.`my_stream_name`", "`w`.`kds`.`my_stream_name`"));
        assertThat(view.query().referencedTables())
                .containsExactly(new ObjectName("kds", "my_stream_name"));
    }

    @Test
    void joinsSubqueriesAndWithNames() {
        Statement.Query query =
                (Statement.Query)
                        parser.parse(
                                "WITH recent AS (SELECT * FROM my_view) SELECT r.partition_key"
                                        + " FROM recent r JOIN other.t ON r.shard_id = t.shard_id");

        assertThat(query.flinkSql())
                .contains("FROM `w`.`public`.`my_view`")
                .contains("FROM `recent` `r`")
                .contains("JOIN `w`.`other`.`t`");
    }

    @Test
    void anUnqualifiedSystemViewIsTheOneInPgCatalog() {
        Statement.Query query = (Statement.Query) parser.parse("SELECT * FROM stv_mv_info");

        assertThat(query.flinkSql()).isEqualTo("SELECT * FROM `w`.`pg_catalog`.`stv_mv_info`");
        assertThat(query.referencedTables())
                .containsExactly(new ObjectName("pg_catalog", "stv_mv_info"));
    }

    @Test
    void theSessionsIdentifierCaseCarriesOver() {
        parser.caseSensitiveIdentifiers(true);

        Statement.Query query = (Statement.Query) parser.parse("SELECT * FROM kds.\"MyStream\"");

        assertThat(query.flinkSql()).isEqualTo("SELECT * FROM `w`.`kds`.`MyStream`");
    }

    @Test
    void dialects() {
        assertThat(dialect("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default"))
                .isEqualTo(RedshiftSqlParser.Dialect.REDSHIFT);
        assertThat(dialect("create materialized view v as select 1"))
                .isEqualTo(RedshiftSqlParser.Dialect.REDSHIFT);
        assertThat(dialect("ALTER MATERIALIZED VIEW v AUTO REFRESH NO"))
                .isEqualTo(RedshiftSqlParser.Dialect.REDSHIFT);
        assertThat(dialect("-- a comment\nREFRESH MATERIALIZED VIEW v"))
                .isEqualTo(RedshiftSqlParser.Dialect.REDSHIFT);
        assertThat(dialect("DROP MATERIALIZED VIEW v"))
                .isEqualTo(RedshiftSqlParser.Dialect.REDSHIFT);
        assertThat(dialect("DROP SCHEMA kds")).isEqualTo(RedshiftSqlParser.Dialect.REDSHIFT);
        assertThat(dialect("SELECT 1")).isEqualTo(RedshiftSqlParser.Dialect.EITHER);
        assertThat(dialect("WITH a AS (SELECT 1) SELECT * FROM a"))
                .isEqualTo(RedshiftSqlParser.Dialect.EITHER);
        assertThat(dialect("SET 'a' = 'b'")).isEqualTo(RedshiftSqlParser.Dialect.EITHER);
        assertThat(dialect("CREATE MATERIALIZED TABLE t AS SELECT 1"))
                .isEqualTo(RedshiftSqlParser.Dialect.OTHER);
        assertThat(dialect("CREATE TABLE t (a INT)")).isEqualTo(RedshiftSqlParser.Dialect.OTHER);
        assertThat(dialect("DROP MATERIALIZED TABLE t")).isEqualTo(RedshiftSqlParser.Dialect.OTHER);
        assertThat(dialect("SHOW TABLES")).isEqualTo(RedshiftSqlParser.Dialect.OTHER);
        assertThat(dialect("SELECT `a` FROM t")).isEqualTo(RedshiftSqlParser.Dialect.OTHER);
        assertThat(dialect("SELECT '`' FROM t")).isEqualTo(RedshiftSqlParser.Dialect.EITHER);
    }

    private static RedshiftSqlParser.Dialect dialect(String sql) {
        return RedshiftSqlParser.dialectOf(new ScriptStatement(sql, new SourcePosition(1, 1)));
    }
}
