package org.streamingest.warehouse.view;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ExternalSchema;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogMaterializedTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warehouse from a plain Flink session, with none of the CLI's code: {@code CREATE CATALOG ...
 * WITH ('type' = 'streaming-warehouse')} shows the schemas, the streams and a view made through the
 * view service (as the CLI makes it) as a materialized table, and {@code CALL
 * w.sys.refresh_materialized_view(...)} adds exactly the records put since the last refresh.
 */
class FlinkSqlSessionITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final ObjectName VIEW = new ObjectName("public", "orders");

    @TempDir Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aFlinkSessionSeesTheWarehouseAndRefreshesAViewWithCall() throws Exception {
        // Given a view made through the view service, and records in its stream
        TestStream stream = KINESIS.streams().create("Flink-Session", 2);
        createView(stream);
        List<TestRecord> put =
                new ArrayList<>(stream.putStrings("{\"n\":1}", "{broken", "{\"n\":2}"));

        // When a plain Flink session creates the warehouse catalog
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        env.executeSql("CREATE CATALOG w WITH (" + FlinkSessions.with(options()) + ")");

        // Then it sees the schemas, the streams of the external schema, and the view
        env.useCatalog("w");
        assertThat(column(env.executeSql("SHOW DATABASES")))
                .containsExactlyInAnyOrder("public", "pg_catalog", "kds");
        assertThat(column(env.executeSql("SHOW TABLES FROM w.public"))).containsExactly("orders");
        assertThat(column(env.executeSql("SHOW TABLES FROM w.kds"))).contains(stream.name());
        CatalogBaseTable table =
                env.getCatalog("w").orElseThrow().getTable(new ObjectPath("public", "orders"));
        assertThat(table).isInstanceOf(CatalogMaterializedTable.class);
        CatalogMaterializedTable view = (CatalogMaterializedTable) table;
        assertThat(view.getRefreshStatus())
                .isEqualTo(CatalogMaterializedTable.RefreshStatus.SUSPENDED);
        assertThat(view.getRefreshMode())
                .isEqualTo(CatalogMaterializedTable.RefreshMode.CONTINUOUS);
        assertThat(view.getDefinitionQuery())
                .isEqualTo(AutoRefreshViewITCase.seedQuery(stream.name()).flinkSql());

        // And CALL refreshes it: exactly the valid records put, then those put since
        assertThat(rows(env.executeSql("CALL w.sys.refresh_materialized_view('public.orders')")))
                .containsExactly(Row.of("public.orders", 2L));
        assertThat(rows(env.executeSql(select())))
                .containsExactlyInAnyOrderElementsOf(SeedRecords.valid(put));

        put.addAll(stream.putStrings("{\"n\":3}", "{\"n\""));
        assertThat(rows(env.executeSql("CALL w.`system`.refresh_materialized_view('orders')")))
                .containsExactly(Row.of("public.orders", 1L));
        assertThat(rows(env.executeSql(select())))
                .containsExactlyInAnyOrderElementsOf(SeedRecords.valid(put));

        // And Redshift's system views answer there too
        assertThat(column(env.executeSql("SHOW TABLES FROM w.pg_catalog")))
                .containsExactly("stv_mv_info", "sys_mv_refresh_history", "sys_stream_scan_states");
        // one row per shard and refresh: summed by shard, every record put, the invalid skipped
        List<Row> scanned = new ArrayList<>();
        put.stream()
                .map(TestRecord::shardId)
                .distinct()
                .sorted()
                .forEach(
                        shard -> {
                            List<TestRecord> of =
                                    put.stream().filter(r -> r.shardId().equals(shard)).toList();
                            long skipped = of.stream().filter(r -> !SeedRecords.isValid(r)).count();
                            scanned.add(Row.of(shard, (long) of.size(), skipped));
                        });
        assertThat(
                        rows(
                                env.executeSql(
                                        "SELECT partition_id, SUM(scanned_rows), SUM(skipped_rows)"
                                                + " FROM w.pg_catalog.sys_stream_scan_states"
                                                + " WHERE mv_schema = 'public' AND mv_name ="
                                                + " 'orders' GROUP BY partition_id"
                                                + " ORDER BY partition_id")))
                .containsExactlyElementsOf(scanned);
        assertThat(
                        rows(
                                env.executeSql(
                                        "SELECT `schema`, `name`, autorefresh, kind, `reads`,"
                                                + " last_refresh_rows FROM w.pg_catalog.stv_mv_info")))
                .containsExactly(
                        Row.of("public", "orders", "f", "stream", "kds." + stream.name(), 1L));
        assertThat(
                        rows(
                                env.executeSql(
                                        "SELECT schema_name, mv_name, refresh_type, status,"
                                                + " rows_added FROM"
                                                + " w.pg_catalog.sys_mv_refresh_history")))
                .containsExactlyInAnyOrder(
                        Row.of("public", "orders", "Manual", "Succeeded", 2L),
                        Row.of("public", "orders", "Manual", "Succeeded", 1L));
    }

    private void createView(TestStream stream) throws Exception {
        try (FlinkCluster cluster = FlinkCluster.embedded();
                Warehouse warehouse =
                        new Warehouse(WarehouseConfig.of(options()), cluster, Map.of());
                Pipelines pipelines = new Pipelines(warehouse);
                MaterializedViews views = new MaterializedViews(warehouse, pipelines)) {
            warehouse
                    .catalog()
                    .createExternalSchema(new ExternalSchema("kds", null, "default"), false);
            ViewQuery seed = AutoRefreshViewITCase.seedQuery(stream.name());
            // the scan query the Redshift door hands over with it (ScanQueryTest)
            String scan =
                    "SELECT *, CASE WHEN CAN_JSON_PARSE(`kinesis_data`) THEN 0 ELSE 1 END AS"
                            + " `$skipped` FROM `kds`.`"
                            + stream.name()
                            + "`";
            views.create(
                    VIEW,
                    false,
                    new ViewQuery(
                            seed.redshiftSql(),
                            seed.flinkSql(),
                            seed.referencedTables(),
                            seed.groupByColumns(),
                            scan));
        }
    }

    private Map<String, String> options() {
        return FlinkSessions.jdbcWarehouse(dir, KINESIS);
    }

    private static String select() {
        return "SELECT partition_key, sequence_number, kinesis_data FROM w.public.orders";
    }

    private static List<Row> rows(TableResult result) throws Exception {
        return FlinkSessions.rows(result);
    }

    private static List<String> column(TableResult result) throws Exception {
        return rows(result).stream().map(r -> String.valueOf(r.getField(0))).toList();
    }
}
