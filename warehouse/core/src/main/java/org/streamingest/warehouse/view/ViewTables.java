package org.streamingest.warehouse.view;

import org.streamingest.warehouse.WarehouseException;

import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Iceberg table of a materialized view: the query's result columns, format v2, the view's
 * definition in its properties. An aggregating base view (GROUP BY over a stream) gets a primary
 * key on the GROUP BY columns (NOT NULL, Iceberg identifier fields) and {@code
 * write.upsert.enabled}, so its pipeline replaces the row of a key with every update instead of
 * appending one. A derived view is rewritten whole by each refresh and needs neither (Iceberg
 * refuses to overwrite in upsert mode).
 */
final class ViewTables {

    /**
     * Iceberg properties of every table the warehouse creates: format v2, and old metadata files
     * deleted as commits add new ones (a pipeline commits every second).
     */
    static final Map<String, String> TABLE_PROPERTIES =
            Map.of(
                    "format-version", "2",
                    "write.metadata.delete-after-commit.enabled", "true",
                    "write.metadata.previous-versions-max", "20");

    private ViewTables() {}

    static ResolvedCatalogTable table(
            ResolvedSchema result, ViewQuery query, ViewDefinition definition) {
        boolean upserts = query.aggregating() && !definition.derived();
        if (upserts) {
            for (String key : query.groupByColumns()) {
                if (result.getColumn(key).isEmpty()) {
                    throw new WarehouseException(
                            "GROUP BY "
                                    + key
                                    + " is not a column of the view: a view on a stream with"
                                    + " GROUP BY keeps one row per group, keyed by its grouping"
                                    + " columns, so each GROUP BY column or expression must also be"
                                    + " in the select list (GROUP BY 1, 2 groups by select items"
                                    + " by position). The view's columns: "
                                    + String.join(", ", result.getColumnNames())
                                    + ".");
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        for (Column column : result.getColumns()) {
            boolean key = upserts && query.groupByColumns().contains(column.getName());
            columns.add(
                    Column.physical(
                            column.getName(),
                            key
                                    ? column.getDataType().notNull()
                                    : column.getDataType().nullable()));
        }
        Map<String, String> options = new HashMap<>(definition.toProperties());
        options.putAll(TABLE_PROPERTIES);
        UniqueConstraint key = null;
        if (upserts) {
            key = UniqueConstraint.primaryKey("pk", query.groupByColumns());
            options.put("write.upsert.enabled", "true");
        }
        ResolvedSchema schema = new ResolvedSchema(columns, List.of(), key, List.of());
        CatalogTable table =
                CatalogTable.newBuilder()
                        .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                        .comment("Materialized view: " + definition.redshiftSql())
                        .options(options)
                        .build();
        return new ResolvedCatalogTable(table, schema);
    }
}
