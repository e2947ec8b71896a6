package org.streamingest.warehouse.catalog;

import org.streamingest.warehouse.view.ScanStates;
import org.streamingest.warehouse.view.SystemViewRows;
import org.streamingest.warehouse.view.SystemViews;

import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;

import org.apache.iceberg.catalog.Catalog;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Redshift's system views in the catalog's {@code pg_catalog} schema, for any Flink session that
 * uses the catalog: {@code stv_mv_info} and {@code sys_stream_scan_states} are tables whose rows
 * ({@link SystemViewRows}, {@link ScanStates}) are computed when a query over them is planned
 * ({@link SystemViewSource}); {@code sys_mv_refresh_history} is the Iceberg table the view service
 * appends to, created empty on first use.
 */
final class SystemTables {

    static final String SCHEMA = SystemViews.PG_CATALOG;

    /** The {@code connector} option that routes a table to {@link SystemViewSource}. */
    static final String CONNECTOR = "streaming-warehouse-system-view";

    static final List<String> NAMES =
            List.of(
                    SystemViewRows.STV_MV_INFO,
                    SystemViewRows.SYS_MV_REFRESH_HISTORY,
                    ScanStates.SYS_STREAM_SCAN_STATES);

    /** The computed system views, with their columns and comments. */
    private static final Map<String, DataType> COMPUTED =
            Map.of(
                    SystemViewRows.STV_MV_INFO, SystemViewRows.MV_INFO,
                    ScanStates.SYS_STREAM_SCAN_STATES, ScanStates.ROW);

    private static final Map<String, String> COMMENTS =
            Map.of(
                    SystemViewRows.STV_MV_INFO,
                    "Redshift's STV_MV_INFO: one row per materialized view",
                    ScanStates.SYS_STREAM_SCAN_STATES,
                    "Redshift's SYS_STREAM_SCAN_STATES: one row per view on a stream, shard and"
                            + " refresh");

    private final Catalog iceberg;
    private final Supplier<Map<ObjectName, String>> pipelines;

    /**
     * System tables over {@code iceberg}; {@code pipelines} gives the states of the pipelines the
     * session knows, or {@code null} when it knows none (see {@link SystemViewRows#mvInfo}).
     */
    SystemTables(Catalog iceberg, Supplier<Map<ObjectName, String>> pipelines) {
        this.iceberg = iceberg;
        this.pipelines = pipelines;
    }

    static boolean isComputed(ObjectPath path) {
        return SCHEMA.equals(path.getDatabaseName()) && COMPUTED.containsKey(path.getObjectName());
    }

    static boolean isHistory(ObjectPath path) {
        return SCHEMA.equals(path.getDatabaseName())
                && SystemViewRows.SYS_MV_REFRESH_HISTORY.equals(path.getObjectName());
    }

    /** The table of the computed system view {@code name}. */
    static CatalogTable computedTable(String name) {
        return CatalogTable.newBuilder()
                .schema(Schema.newBuilder().fromRowDataType(COMPUTED.get(name)).build())
                .comment(COMMENTS.get(name))
                .options(Map.of(FactoryUtil.CONNECTOR.key(), CONNECTOR, "view", name))
                .build();
    }

    /** Creates the refresh history's Iceberg table unless it exists. */
    void ensureHistory() {
        SystemViewRows.refreshHistory(iceberg);
    }

    /** The rows of the computed system view {@code name}, read now. */
    List<Row> rows(String name) {
        if (SystemViewRows.STV_MV_INFO.equals(name)) {
            return SystemViewRows.mvInfo(iceberg, pipelines.get());
        }
        if (ScanStates.SYS_STREAM_SCAN_STATES.equals(name)) {
            return ScanStates.rows(iceberg);
        }
        throw new IllegalArgumentException("Not a computed system view: " + name);
    }
}
