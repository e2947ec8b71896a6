package org.streamingest.job.sql;

import org.streamingest.warehouse.catalog.ObjectName;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedshiftSqlParserTest {

    private final RedshiftSqlParser parser = new RedshiftSqlParser();

    private Statement parse(String sql) {
        List<Statement> statements = parser.parseScript(sql);
        assertThat(statements).hasSize(1);
        return statements.get(0);
    }

    private static SourcePosition at(int line, int column) {
        return new SourcePosition(line, column);
    }

    @Test
    void createExternalSchemaWithDefaultRole() {
        assertThat(parse("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;"))
                .isEqualTo(
                        new Statement.CreateExternalSchema(
                                at(1, 1), "kds", false, null, "default"));
    }

    @Test
    void createExternalSchemaWithRegionAndArn() {
        assertThat(
                        parse(
                                "\n create external schema if not exists \"KDS\" from kinesis region"
                                        + " as 'us-west-2' iam_role"
                                        + " 'arn:aws:iam::123456789012:role/x'"))
                .isEqualTo(
                        new Statement.CreateExternalSchema(
                                at(2, 2),
                                "kds",
                                true,
                                "us-west-2",
                                "arn:aws:iam::123456789012:role/x"));
    }

    @Test
    void createExternalSchemaErrors() {
        assertThatThrownBy(() -> parse("CREATE EXTERNAL SCHEMA k FROM DATA CATALOG"))
                .hasMessageContaining("only FROM KINESIS is supported")
                .hasMessageContaining("line 1, column 31");
        assertThatThrownBy(() -> parse("CREATE EXTERNAL SCHEMA k FROM KINESIS IAM_ROLE 'nope'"))
                .hasMessageContaining("IAM_ROLE must be default or a role ARN")
                .hasMessageContaining("line 1, column 48");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "CREATE EXTERNAL SCHEMA k FROM KINESIS IAM_ROLE"
                                                + " 'arn:aws:iam::123456789012:role/a',"
                                                + "'arn:aws:iam::123456789012:role/b'"))
                .hasMessageContaining("Chained IAM roles are not supported");
        assertThatThrownBy(() -> parse("CREATE EXTERNAL SCHEMA k FROM KINESIS"))
                .hasMessageContaining("Expected IAM_ROLE, found end of statement")
                .hasMessageContaining("line 1, column 38");
    }

    @Test
    void dropSchema() {
        assertThat(parse("DROP SCHEMA IF EXISTS kds CASCADE"))
                .isEqualTo(new Statement.DropSchema(at(1, 1), "kds", true, true));
        assertThat(parse("drop schema kds restrict"))
                .isEqualTo(new Statement.DropSchema(at(1, 1), "kds", false, false));
    }

    @Test
    void createMaterializedViewDefaultsToManualRefresh() {
        Statement.CreateMaterializedView view =
                (Statement.CreateMaterializedView)
                        parse("CREATE MATERIALIZED VIEW s.V BACKUP NO AS SELECT a FROM t");

        assertThat(view.name()).isEqualTo(new ObjectName("s", "v"));
        assertThat(view.autoRefresh()).isFalse();
        assertThat(view.query().flinkSql()).isEqualTo("SELECT `a` FROM `public`.`t`");
        assertThat(view.query().position()).isEqualTo(at(1, 43));
    }

    @Test
    void createMaterializedViewAutoRefreshYes() {
        Statement.CreateMaterializedView view =
                (Statement.CreateMaterializedView)
                        parse(
                                "CREATE MATERIALIZED VIEW v AUTO REFRESH YES AS WITH q AS (SELECT 1 AS x) SELECT x FROM q");

        assertThat(view.name()).isEqualTo(new ObjectName("public", "v"));
        assertThat(view.autoRefresh()).isTrue();
        assertThat(view.query().referencedTables()).isEmpty();
    }

    @Test
    void createMaterializedViewRejectsDistributionClauses() {
        assertThatThrownBy(() -> parse("CREATE MATERIALIZED VIEW v DISTSTYLE EVEN AS SELECT 1"))
                .hasMessageContaining("DISTSTYLE is not supported")
                .hasMessageContaining("line 1, column 28");
        assertThatThrownBy(() -> parse("CREATE MATERIALIZED VIEW v AS DELETE FROM t"))
                .hasMessageContaining("Expected SELECT or WITH after AS")
                .hasMessageContaining("line 1, column 31");
    }

    @Test
    void errorInsideTheViewQueryIsPositionedInTheScript() {
        assertThatThrownBy(
                        () ->
                                parser.parseScript(
                                        "SELECT 1;\nCREATE MATERIALIZED VIEW v AS\n  SELECT a FROM t WHERE"))
                .isInstanceOf(RedshiftSqlException.class)
                .hasMessageContaining("line 3, column 19");
    }

    @Test
    void alterDropRefreshMaterializedView() {
        assertThat(parse("ALTER MATERIALIZED VIEW v AUTO REFRESH NO"))
                .isEqualTo(
                        new Statement.AlterMaterializedViewAutoRefresh(
                                at(1, 1), new ObjectName("public", "v"), false));
        assertThat(parse("DROP MATERIALIZED VIEW IF EXISTS x.v"))
                .isEqualTo(
                        new Statement.DropMaterializedView(
                                at(1, 1), new ObjectName("x", "v"), true, false));
        assertThat(parse("DROP MATERIALIZED VIEW v CASCADE"))
                .isEqualTo(
                        new Statement.DropMaterializedView(
                                at(1, 1), new ObjectName("public", "v"), false, true));
        assertThat(parse("DROP MATERIALIZED VIEW v RESTRICT"))
                .isEqualTo(
                        new Statement.DropMaterializedView(
                                at(1, 1), new ObjectName("public", "v"), false, false));
        assertThat(parse("REFRESH MATERIALIZED VIEW My_View"))
                .isEqualTo(
                        new Statement.RefreshMaterializedView(
                                at(1, 1), new ObjectName("public", "my_view"), false));
        assertThat(parse("REFRESH MATERIALIZED VIEW v CASCADE"))
                .isEqualTo(
                        new Statement.RefreshMaterializedView(
                                at(1, 1), new ObjectName("public", "v"), true));
        assertThat(parse("REFRESH MATERIALIZED VIEW v RESTRICT"))
                .isEqualTo(
                        new Statement.RefreshMaterializedView(
                                at(1, 1), new ObjectName("public", "v"), false));
        Statement.AlterMaterializedViewQuery alterQuery =
                (Statement.AlterMaterializedViewQuery)
                        parse("ALTER MATERIALIZED VIEW v AS SELECT a FROM kds.s WHERE b");
        assertThat(alterQuery.name()).isEqualTo(new ObjectName("public", "v"));
        assertThat(alterQuery.query().flinkSql()).isEqualTo("SELECT `a` FROM `kds`.`s` WHERE `b`");
        assertThatThrownBy(() -> parse("ALTER MATERIALIZED VIEW v RENAME TO w"))
                .hasMessageContaining("Expected AUTO REFRESH YES|NO or AS SELECT ...")
                .hasMessageContaining("found 'RENAME'");
        assertThatThrownBy(() -> parse("ALTER MATERIALIZED VIEW v AUTO REFRESH MAYBE"))
                .hasMessageContaining("Expected YES or NO, found 'MAYBE'")
                .hasMessageContaining("line 1, column 40");
        assertThatThrownBy(() -> parse("REFRESH MATERIALIZED VIEW v extra"))
                .hasMessageContaining("Unexpected 'extra'");
    }

    @Test
    void setCaseSensitiveIdentifierChangesLaterFolding() {
        List<Statement> statements =
                parser.parseScript(
                        "REFRESH MATERIALIZED VIEW \"MyView\";"
                                + "SET enable_case_sensitive_identifier TO true;"
                                + "REFRESH MATERIALIZED VIEW \"MyView\";"
                                + "SET enable_case_sensitive_identifier = false;"
                                + "REFRESH MATERIALIZED VIEW \"MyView\";");

        assertThat(statements)
                .filteredOn(Statement.RefreshMaterializedView.class::isInstance)
                .extracting(s -> ((Statement.RefreshMaterializedView) s).name().name())
                .containsExactly("myview", "MyView", "myview");
        assertThat(statements.get(1))
                .isEqualTo(
                        new Statement.SetOption(
                                at(1, 36), "enable_case_sensitive_identifier", "true"));
        assertThat(parser.caseSensitiveIdentifiers()).isFalse();
    }

    @Test
    void otherSettingsPassThroughAndBadValuesAreRejected() {
        assertThat(parse("SET search_path TO 'kds'"))
                .isEqualTo(new Statement.SetOption(at(1, 1), "search_path", "kds"));
        assertThatThrownBy(() -> parse("SET enable_case_sensitive_identifier TO maybe"))
                .hasMessageContaining("takes true or false")
                .hasMessageContaining("line 1, column 41");
    }

    @Test
    void unsupportedStatementsSayWhatIsSupported() {
        assertThatThrownBy(() -> parser.parseScript("SELECT 1;\n  INSERT INTO t VALUES (1)"))
                .hasMessageContaining("Unsupported statement starting with 'INSERT'")
                .hasMessageContaining("Supported statements: CREATE EXTERNAL SCHEMA")
                .hasMessageContaining("line 2, column 3");
        assertThatThrownBy(() -> parse("CREATE TABLE t (a int)"))
                .hasMessageContaining("Unsupported statement CREATE TABLE");
    }
}
