package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;

import java.util.List;

/**
 * The query of a materialized view, as a door hands it to the view service: the SELECT as the user
 * wrote it, the same SELECT in Flink SQL (what the pipeline runs), the relations it reads and its
 * GROUP BY columns.
 *
 * @param redshiftSql the SELECT as written, kept for the user (system views, comments)
 * @param flinkSql the SELECT in Flink SQL, relations qualified by schema
 * @param referencedTables every relation the query reads, in the order it names them
 * @param groupByColumns the GROUP BY columns of an aggregating query, else empty
 */
public record ViewQuery(
        String redshiftSql,
        String flinkSql,
        List<ObjectName> referencedTables,
        List<String> groupByColumns) {

    public ViewQuery {
        referencedTables = List.copyOf(referencedTables);
        groupByColumns = List.copyOf(groupByColumns);
    }

    /** True for a query whose result is keyed by GROUP BY columns (an upserting view). */
    public boolean aggregating() {
        return !groupByColumns.isEmpty();
    }
}
