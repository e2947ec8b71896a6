package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseLocation;

import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogMaterializedTable;
import org.apache.flink.table.catalog.CatalogMaterializedTable.LogicalRefreshMode;
import org.apache.flink.table.catalog.CatalogMaterializedTable.RefreshMode;
import org.apache.flink.table.catalog.CatalogMaterializedTable.RefreshStatus;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.IntervalFreshness;
import org.apache.flink.table.refresh.ContinuousRefreshHandler;
import org.apache.flink.util.InstantiationUtil;

import org.apache.iceberg.catalog.Catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A materialized view as Flink sees it through the warehouse catalog: a {@link
 * CatalogMaterializedTable} in {@code CONTINUOUS} refresh mode whose every field comes from the one
 * place that holds it, so that every door (CLI, Flink SQL session, gateway) reads the same state:
 *
 * <ul>
 *   <li>schema, definition query and AUTO REFRESH: the view's Iceberg table and its properties
 *       ({@link ViewDefinition}); freshness is the pipeline's checkpoint interval: 1 s (the default
 *       of {@code auto-refresh.interval}, which this does not see) for AUTO REFRESH YES and {@value
 *       JobSettings#MANUAL_INTERVAL} while a manual refresh runs;
 *   <li>refresh status and handler: the view's lease ({@link ViewLeases}) names the process that
 *       holds it and the Flink job of its pipeline; {@code ACTIVATED} while one runs, {@code
 *       SUSPENDED} otherwise;
 *   <li>the restore path: the newest completed snapshot of the pipeline's state ({@link
 *       RestorePoints}), found where it is written rather than recorded beside it, because a
 *       process killed between a savepoint and a record of it would leave a stale pointer.
 * </ul>
 */
public final class ViewCatalogTables {

    private ViewCatalogTables() {}

    /** True if {@code table} (from the Iceberg catalog) is a materialized view. */
    public static boolean isView(CatalogBaseTable table) {
        return ViewDefinition.isView(table.getOptions());
    }

    /**
     * {@code view}'s table as a materialized table; {@code iceberg} holds the leases and {@code
     * location} the pipeline state.
     */
    public static CatalogMaterializedTable materialized(
            ObjectName view, CatalogTable table, Catalog iceberg, WarehouseLocation location) {
        Map<String, String> options = table.getOptions();
        ViewDefinition definition = ViewDefinition.fromProperties(options);
        Lease lease = ViewLeases.read(iceberg).get(view);
        boolean running = lease != null && !lease.job().isEmpty();
        String restore =
                RestorePoints.newest(
                        location.savepoints(view.schema(), view.name()),
                        location.checkpoints(view.schema(), view.name()));
        ContinuousRefreshHandler handler =
                new ContinuousRefreshHandler(
                        "remote",
                        running ? lease.cluster() : "",
                        running ? lease.job() : "",
                        restore);
        return CatalogMaterializedTable.newBuilder()
                .schema(table.getUnresolvedSchema())
                .comment(table.getComment())
                .partitionKeys(table.getPartitionKeys())
                .options(options)
                .definitionQuery(definition.flinkSql())
                .freshness(
                        definition.autoRefresh()
                                ? IntervalFreshness.ofSecond("1")
                                : IntervalFreshness.ofHour("1"))
                .logicalRefreshMode(LogicalRefreshMode.CONTINUOUS)
                .refreshMode(RefreshMode.CONTINUOUS)
                .refreshStatus(running ? RefreshStatus.ACTIVATED : RefreshStatus.SUSPENDED)
                .refreshHandlerDescription(
                        running
                                ? "pipeline job "
                                        + lease.job()
                                        + " on "
                                        + lease.cluster()
                                        + ", held by "
                                        + lease.describe()
                                : "suspended"
                                        + (restore == null ? "" : ", resumes from " + restore))
                .serializedRefreshHandler(serialize(handler))
                .build();
    }

    private static byte[] serialize(ContinuousRefreshHandler handler) {
        try {
            return InstantiationUtil.serializeObject(handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
