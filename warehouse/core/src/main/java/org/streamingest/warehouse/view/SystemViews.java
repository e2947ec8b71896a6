package org.streamingest.warehouse.view;

import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseCatalog;

import org.apache.flink.table.api.Expressions;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Redshift's monitoring views over this warehouse, queryable with SELECT like any relation, from
 * schema {@code pg_catalog} or unqualified (Redshift searches {@code pg_catalog} first):
 *
 * <ul>
 *   <li>{@code stv_mv_info}: one row per materialized view: where it is, what it reads, whether it
 *       refreshes automatically, whether it is stale, the state of its pipeline in this session and
 *       its last refresh;
 *   <li>{@code sys_mv_refresh_history}: one row per refresh, the Iceberg table of {@link
 *       RefreshHistory};
 *   <li>{@code sys_stream_scan_states}: one row per view on a stream, shard and refresh ({@link
 *       ScanStates}).
 * </ul>
 *
 * Each query gets them as temporary views of its own TableEnvironment, built when it runs.
 */
public final class SystemViews {

    static final String STV_MV_INFO = "stv_mv_info";
    static final String SYS_MV_REFRESH_HISTORY = "sys_mv_refresh_history";
    public static final String PG_CATALOG = WarehouseCatalog.PG_CATALOG;
    private static final Set<String> NAMES =
            Set.of(STV_MV_INFO, SYS_MV_REFRESH_HISTORY, ScanStates.SYS_STREAM_SCAN_STATES);

    private SystemViews() {}

    /** True if {@code relation} names a system view. */
    public static boolean isSystemView(ObjectName relation) {
        return NAMES.contains(relation.name())
                && (relation.schema().equals(PG_CATALOG)
                        || relation.schema().equals(ObjectName.DEFAULT_SCHEMA));
    }

    /** Registers in {@code env} the system views that {@code relations} name. */
    static void register(
            TableEnvironment env,
            List<ObjectName> relations,
            MaterializedViews views,
            RefreshHistory history,
            Map<ObjectName, String> pipelineStates)
            throws Exception {
        for (ObjectName relation : relations) {
            if (!isSystemView(relation)) {
                continue;
            }
            String path = Warehouse.CATALOG + "." + relation.flink();
            if (relation.name().equals(STV_MV_INFO)) {
                List<Row> rows = SystemViewRows.mvInfo(history.iceberg(), pipelineStates);
                env.createTemporaryView(
                        path,
                        rows.isEmpty()
                                ? env.fromValues(SystemViewRows.MV_INFO, Row.of(new Object[9]))
                                        .where(Expressions.lit(false))
                                : env.fromValues(SystemViewRows.MV_INFO, rows));
            } else if (relation.name().equals(ScanStates.SYS_STREAM_SCAN_STATES)) {
                List<Row> rows = ScanStates.rows(history.iceberg());
                env.createTemporaryView(
                        path,
                        rows.isEmpty()
                                ? env.fromValues(ScanStates.ROW, Row.of(new Object[12]))
                                        .where(Expressions.lit(false))
                                : env.fromValues(ScanStates.ROW, rows));
            } else {
                history.table(); // the Iceberg table pg_catalog.sys_mv_refresh_history itself
                if (!relation.schema().equals(PG_CATALOG)) {
                    env.createTemporaryView(
                            path,
                            env.sqlQuery(
                                    "SELECT * FROM "
                                            + new ObjectName(PG_CATALOG, relation.name()).flink()));
                }
            }
        }
    }
}
