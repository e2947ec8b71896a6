package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rows of the system views, computed from what the Iceberg catalog holds (each view's table
 * properties), so that a CLI session ({@link SystemViews}) and a plain Flink catalog ({@code
 * WarehouseCatalog}) show the same. The one thing the catalog does not hold is the state of
 * pipelines running in some process: callers pass what they know.
 */
public final class SystemViewRows {

    public static final String STV_MV_INFO = SystemViews.STV_MV_INFO;
    public static final String SYS_MV_REFRESH_HISTORY = SystemViews.SYS_MV_REFRESH_HISTORY;

    /** Columns of {@code stv_mv_info}. */
    public static final DataType MV_INFO =
            DataTypes.ROW(
                    DataTypes.FIELD("schema", DataTypes.STRING()),
                    DataTypes.FIELD("name", DataTypes.STRING()),
                    DataTypes.FIELD("autorefresh", DataTypes.CHAR(1)),
                    DataTypes.FIELD("is_stale", DataTypes.CHAR(1)),
                    DataTypes.FIELD("kind", DataTypes.STRING()),
                    DataTypes.FIELD("reads", DataTypes.STRING()),
                    DataTypes.FIELD("pipeline", DataTypes.STRING()),
                    DataTypes.FIELD("last_refresh_time", DataTypes.TIMESTAMP(3)),
                    DataTypes.FIELD("last_refresh_rows", DataTypes.BIGINT()));

    private SystemViewRows() {}

    /**
     * One row per materialized view of {@code iceberg}. {@code pipelines} are the states of the
     * pipelines this process knows, by view (a base view without one is {@code suspended}); {@code
     * null} when the caller knows none, which leaves column {@code pipeline} NULL.
     */
    public static List<Row> mvInfo(Catalog iceberg, Map<ObjectName, String> pipelines) {
        List<Row> rows = new ArrayList<>();
        for (Namespace namespace : ((SupportsNamespaces) iceberg).listNamespaces()) {
            for (TableIdentifier id : iceberg.listTables(namespace)) {
                if (id.name().startsWith("$")) {
                    continue; // markers and leases
                }
                Table table = iceberg.loadTable(id);
                Map<String, String> properties = table.properties();
                if (ViewDefinition.isView(properties)) {
                    ObjectName view = new ObjectName(namespace.toString(), id.name());
                    rows.add(row(iceberg, view, table, pipelines));
                }
            }
        }
        return rows;
    }

    private static Row row(
            Catalog iceberg, ObjectName view, Table table, Map<ObjectName, String> pipelines) {
        Map<String, String> properties = table.properties();
        ViewDefinition definition = ViewDefinition.fromProperties(properties);
        String pipeline =
                pipelines == null || definition.derived()
                        ? null
                        : pipelines.getOrDefault(view, "suspended");
        return Row.of(
                view.schema(),
                view.name(),
                flag(definition.autoRefresh()),
                definition.derived() ? stale(iceberg, table, definition) : null,
                definition.derived() ? "derived" : "stream",
                definition.derived()
                        ? definition.inputs().stream()
                                .map(ObjectName::toString)
                                .collect(Collectors.joining(", "))
                        : definition.stream(),
                pipeline,
                time(properties.get(ManualRefresh.LAST_REFRESH_TIME)),
                rows(properties.get(ManualRefresh.LAST_REFRESH_ROWS)));
    }

    /** {@code t} if an input changed since the last refresh, NULL if one is gone. */
    private static String stale(Catalog iceberg, Table view, ViewDefinition definition) {
        Map<ObjectName, Long> versions = new LinkedHashMap<>();
        for (ObjectName input : definition.inputs()) {
            try {
                Table table = iceberg.loadTable(TableIdentifier.of(input.schema(), input.name()));
                versions.put(input, DerivedRefresh.dataVersion(table));
            } catch (NoSuchTableException inputGone) {
                return null;
            }
        }
        return flag(!DerivedRefresh.recorded(view, versions));
    }

    private static String flag(boolean value) {
        return value ? "t" : "f";
    }

    private static LocalDateTime time(String instant) {
        try {
            return instant == null
                    ? null
                    : LocalDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Long rows(String count) {
        return count == null ? null : Long.valueOf(count);
    }

    /** The Iceberg table of {@code sys_mv_refresh_history}, created empty when absent. */
    public static Table refreshHistory(Catalog iceberg) {
        return new RefreshHistory(iceberg).table();
    }
}
