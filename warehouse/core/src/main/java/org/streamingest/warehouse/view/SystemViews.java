package org.streamingest.warehouse.view;

import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseCatalog;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Expressions;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Redshift's monitoring views over this warehouse, queryable with SELECT like any relation, from
 * schema {@code pg_catalog} or unqualified (Redshift searches {@code pg_catalog} first):
 *
 * <ul>
 *   <li>{@code stv_mv_info}: one row per materialized view: where it is, what it reads, whether it
 *       refreshes automatically, whether it is stale, the state of its pipeline in this session and
 *       its last refresh;
 *   <li>{@code sys_mv_refresh_history}: one row per refresh, the Iceberg table of {@link
 *       RefreshHistory}.
 * </ul>
 *
 * Each query gets them as temporary views of its own TableEnvironment, built when it runs.
 */
public final class SystemViews {

    static final String STV_MV_INFO = "stv_mv_info";
    static final String SYS_MV_REFRESH_HISTORY = "sys_mv_refresh_history";
    public static final String PG_CATALOG = WarehouseCatalog.PG_CATALOG;
    private static final Set<String> NAMES = Set.of(STV_MV_INFO, SYS_MV_REFRESH_HISTORY);

    private static final DataType MV_INFO =
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

    private SystemViews() {}

    /** True if {@code relation} names a system view. */
    static boolean isSystemView(ObjectName relation) {
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
                List<Row> rows = mvInfo(views, pipelineStates);
                env.createTemporaryView(
                        path,
                        rows.isEmpty()
                                ? env.fromValues(MV_INFO, Row.of(new Object[9]))
                                        .where(Expressions.lit(false))
                                : env.fromValues(MV_INFO, rows));
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

    private static List<Row> mvInfo(MaterializedViews views, Map<ObjectName, String> pipelines)
            throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<ObjectName, ViewDefinition> each : views.all().entrySet()) {
            ObjectName view = each.getKey();
            ViewDefinition definition = each.getValue();
            Map<String, String> properties = views.properties(view);
            String pipeline =
                    pipelines.getOrDefault(view, definition.derived() ? null : "suspended");
            rows.add(
                    Row.of(
                            view.schema(),
                            view.name(),
                            flag(definition.autoRefresh()),
                            definition.derived() ? stale(views, view, definition) : null,
                            definition.derived() ? "derived" : "stream",
                            definition.derived()
                                    ? definition.inputs().stream()
                                            .map(ObjectName::toString)
                                            .collect(Collectors.joining(", "))
                                    : definition.stream(),
                            pipeline,
                            time(properties.get(ManualRefresh.LAST_REFRESH_TIME)),
                            rows(properties.get(ManualRefresh.LAST_REFRESH_ROWS))));
        }
        return rows;
    }

    /** {@code t} if an input changed since the last refresh, NULL if one is gone. */
    private static String stale(
            MaterializedViews views, ObjectName view, ViewDefinition definition) {
        try {
            return flag(!views.upToDate(view, definition));
        } catch (RuntimeException inputGone) {
            return null;
        }
    }

    private static String flag(boolean value) {
        return value ? "t" : "f";
    }

    private static LocalDateTime time(String instant) {
        try {
            return instant == null
                    ? null
                    : LocalDateTime.ofInstant(java.time.Instant.parse(instant), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Long rows(String count) {
        return count == null ? null : Long.valueOf(count);
    }
}
