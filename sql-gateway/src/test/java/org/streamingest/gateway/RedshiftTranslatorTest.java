package org.streamingest.gateway;

import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.warehouse.catalog.ObjectName;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the gateway runs for each statement a client sends to the redshift endpoint. */
class RedshiftTranslatorTest {

    static final String SEED_VIEW =
            "CREATE MATERIALIZED VIEW my_view AUTO REFRESH YES AS\n"
                    + "  SELECT approximate_arrival_timestamp, partition_key, shard_id,"
                    + " sequence_number, refresh_time,\n"
                    + "         JSON_PARSE(kinesis_data) AS kinesis_data\n"
                    + "  FROM kds.my_stream_name WHERE CAN_JSON_PARSE(kinesis_data);";

    private static final String SEED_FLINK_SELECT =
            "SELECT `approximate_arrival_timestamp`, `partition_key`, `shard_id`,"
                    + " `sequence_number`, `refresh_time`, JSON_PARSE(`kinesis_data`) AS"
                    + " `kinesis_data` FROM `w`.`kds`.`my_stream_name` WHERE"
                    + " CAN_JSON_PARSE(`kinesis_data`)";

    private static final Map<String, String> STREAM = Map.of("connector", "redshift-kinesis");
    private static final Map<String, String> VIEW = Map.of();

    private final FakeSession session = new FakeSession();
    private final RedshiftTranslator translator = new RedshiftTranslator("w");

    @Test
    void theSeedsStatementsBecomeTheWarehousesProceduresAndABatchQuery() {
        session.relations.put(new ObjectName("public", "my_view"), VIEW);

        assertThat(run("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;"))
                .isEqualTo(
                        Translation.redshift(
                                "CALL `w`.`sys`.`create_external_schema`('kds', 'default')"));
        assertThat(run(SEED_VIEW))
                .isEqualTo(
                        Translation.redshift(
                                "CALL `w`.`sys`.`create_materialized_view`('public.my_view', '"
                                        + SEED_FLINK_SELECT.replace("'", "''")
                                        + "', TRUE, 'SELECT approximate_arrival_timestamp,"
                                        + " partition_key, shard_id, sequence_number,"
                                        + " refresh_time,\n"
                                        + "         JSON_PARSE(kinesis_data) AS kinesis_data\n"
                                        + "  FROM kds.my_stream_name WHERE"
                                        + " CAN_JSON_PARSE(kinesis_data)')"));
        assertThat(run("REFRESH MATERIALIZED VIEW my_view;"))
                .isEqualTo(
                        Translation.redshift(
                                "CALL `w`.`sys`.`refresh_materialized_view`('public.my_view')"));
        assertThat(run("SELECT * FROM my_view;"))
                .isEqualTo(
                        new Translation(
                                "SELECT * FROM `w`.`public`.`my_view`",
                                Map.of("execution.runtime-mode", "batch"),
                                true));
    }

    @Test
    void manualViewsAggregatesAndQuotedNames() {
        assertThat(run("CREATE MATERIALIZED VIEW v AS SELECT a FROM kds.s").statement())
                .startsWith("CALL `w`.`sys`.`create_materialized_view`('public.v',")
                .endsWith(", FALSE, 'SELECT a FROM kds.s')");
        assertThat(
                        run("CREATE MATERIALIZED VIEW s2.totals AS SELECT a, COUNT(*) AS n FROM v"
                                        + " GROUP BY a")
                                .statement())
                .startsWith("CALL `w`.`sys`.`create_materialized_view`('s2.totals',")
                .endsWith(", ARRAY['a'])");

        session.config.put("redshift.enable_case_sensitive_identifier", "true");
        assertThat(run("REFRESH MATERIALIZED VIEW \"My View\" CASCADE").statement())
                .isEqualTo(
                        "CALL `w`.`sys`.`refresh_materialized_view`('public.\"My View\"', TRUE)");
    }

    @Test
    void alterDropSetAndExternalSchemaVariants() {
        assertThat(run("ALTER MATERIALIZED VIEW my_view AUTO REFRESH NO").statement())
                .isEqualTo("CALL `w`.`sys`.`alter_auto_refresh`('public.my_view', FALSE)");
        assertThat(run("DROP MATERIALIZED VIEW IF EXISTS my_view").statement())
                .isEqualTo("DROP MATERIALIZED TABLE IF EXISTS `w`.`public`.`my_view`");
        assertThat(run("DROP SCHEMA kds").statement())
                .isEqualTo("DROP DATABASE `w`.`kds` RESTRICT");
        assertThat(run("SET enable_case_sensitive_identifier TO true").statement())
                .isEqualTo("SET 'redshift.enable_case_sensitive_identifier' = 'true'");
        assertThat(
                        run("CREATE EXTERNAL SCHEMA IF NOT EXISTS kds FROM KINESIS REGION"
                                        + " 'eu-west-1' IAM_ROLE"
                                        + " 'arn:aws:iam::123456789012:role/r'")
                                .statement())
                .isEqualTo(
                        "CALL `w`.`sys`.`create_external_schema`('kds',"
                                + " 'arn:aws:iam::123456789012:role/r', 'eu-west-1', TRUE)");
        assertThat(run("CREATE EXTERNAL SCHEMA IF NOT EXISTS kds FROM KINESIS IAM_ROLE default"))
                .extracting(Translation::statement)
                .isEqualTo(
                        "CALL `w`.`sys`.`create_external_schema`('kds', 'default',"
                                + " CAST(NULL AS STRING), TRUE)");
    }

    @Test
    void aQueryOnAStreamStreamsAndSuperNavigationIsRewritten() {
        session.relations.put(new ObjectName("kds", "s"), STREAM);
        session.relations.put(new ObjectName("public", "my_view"), VIEW);

        assertThat(run("SELECT partition_key FROM kds.s"))
                .isEqualTo(
                        new Translation(
                                "SELECT `partition_key` FROM `w`.`kds`.`s`", Map.of(), true));
        assertThat(run("SELECT kinesis_data.order_id FROM my_view").statement())
                .isEqualTo(
                        "SELECT SUPER_PATH(`kinesis_data`, '.\"order_id\"') FROM"
                                + " `w`.`public`.`my_view`");
    }

    @Test
    void flinkSqlGoesThroughUnchanged() {
        session.relations.put(new ObjectName("public", "my_view"), VIEW);

        for (String flink :
                new String[] {
                    "SHOW TABLES FROM w.kds",
                    "SELECT * FROM w.public.my_view", // three parts: not Redshift's
                    "SELECT * FROM t", // no such relation in the warehouse
                    "SELECT `a` FROM my_view", // not Redshift's syntax
                    "SET 'table.exec.resource.default-parallelism' = '2'",
                    "SET",
                    "CREATE MATERIALIZED TABLE w.public.t FRESHNESS = INTERVAL '1' SECOND AS"
                            + " SELECT 1",
                    "CALL w.sys.refresh_materialized_view('public.my_view')",
                    "SELECT 1; SELECT 2",
                    "  "
                }) {
            assertThat(run(flink)).as(flink).isEqualTo(Translation.unchanged(flink));
        }
    }

    @Test
    void withoutTheWarehouseCatalogQueriesAreFlinksAndRedshiftStatementsSayWhatToDo() {
        session.catalog = false;

        assertThat(run("SELECT * FROM my_view"))
                .isEqualTo(Translation.unchanged("SELECT * FROM my_view"));
        assertThatThrownBy(() -> run("REFRESH MATERIALIZED VIEW my_view"))
                .isInstanceOf(RedshiftSqlException.class)
                .hasMessageContaining("catalog `w` (sql-gateway.endpoint.redshift.catalog)")
                .hasMessageContaining("-i init.sql");
    }

    @Test
    void aBadRedshiftStatementFailsWithTheFrontEndsMessage() {
        assertThatThrownBy(() -> run("CREATE MATERIALIZED VIEW v AUTO REFRESH MAYBE AS SELECT 1"))
                .isInstanceOf(RedshiftSqlException.class)
                .hasMessageContaining("Expected YES or NO, found");
        assertThatThrownBy(() -> run("CREATE EXTERNAL SCHEMA kds FROM GLUE IAM_ROLE default"))
                .hasMessageContaining("only FROM KINESIS is supported");
        assertThatThrownBy(() -> run("DROP MATERIALIZED VIEW my_view CASCADE"))
                .hasMessageContaining("drop the views that read public.my_view first");
    }

    private Translation run(String sql) {
        return translator.translate(sql, session);
    }

    /** A session with catalog {@code w} (unless told otherwise) and the relations put. */
    private static final class FakeSession implements SessionView {
        boolean catalog = true;
        final Map<ObjectName, Map<String, String>> relations = new HashMap<>();
        final Map<String, String> config = new HashMap<>();

        @Override
        public boolean hasCatalog(String name) {
            return catalog && name.equals("w");
        }

        @Override
        public Optional<Map<String, String>> relation(String catalogName, ObjectName name) {
            return Optional.ofNullable(relations.get(name));
        }

        @Override
        public Map<String, String> config() {
            return config;
        }
    }
}
