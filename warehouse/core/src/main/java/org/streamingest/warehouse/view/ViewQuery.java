package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query of a materialized view, as a door hands it to the view service: the SELECT as the user
 * wrote it, the same SELECT in Flink SQL (what the pipeline runs), the relations it reads and its
 * GROUP BY columns.
 *
 * @param redshiftSql the SELECT as written, kept for the user (system views, comments)
 * @param flinkSql the SELECT in Flink SQL, relations qualified by schema
 * @param referencedTables every relation the query reads, in the order it names them
 * @param groupByColumns the GROUP BY columns of an aggregating query, else empty
 * @param scanSql every record of the one relation the query reads (all its columns) and column
 *     {@code `$skipped`}, 1 for a record the query's WHERE skips and 0 for one it takes; {@code
 *     null} when the door could not tell (a query of another shape, or written in Flink SQL). The
 *     view's scan states count skipped records with it ({@link ScanStates}).
 */
public record ViewQuery(
        String redshiftSql,
        String flinkSql,
        List<ObjectName> referencedTables,
        List<String> groupByColumns,
        String scanSql) {

    public ViewQuery {
        referencedTables = List.copyOf(referencedTables);
        groupByColumns = List.copyOf(groupByColumns);
    }

    /** A query whose skipped records are not known. */
    public ViewQuery(
            String redshiftSql,
            String flinkSql,
            List<ObjectName> referencedTables,
            List<String> groupByColumns) {
        this(redshiftSql, flinkSql, referencedTables, groupByColumns, null);
    }

    /**
     * The query of a view from a SELECT written in a Flink session in which the warehouse is
     * catalog {@code catalog}, each of its relations named {@code `catalog`.`schema`.`name`} (as in
     * Flink's expanded query of a materialized table): those relations lose the catalog part, as
     * the view service runs the query in a session of its own where the warehouse has another name,
     * and are the view's inputs. Relations of other catalogs stay as written.
     */
    public static ViewQuery inCatalog(String catalog, String select) {
        Pattern relation =
                Pattern.compile(
                        Pattern.quote(ObjectName.quote(catalog))
                                + "\\.`((?:[^`]|``)+)`\\.`((?:[^`]|``)+)`");
        Set<ObjectName> relations = new LinkedHashSet<>();
        Matcher m = relation.matcher(select);
        StringBuilder flinkSql = new StringBuilder();
        while (m.find()) {
            String schema = m.group(1).replace("``", "`");
            String name = m.group(2).replace("``", "`");
            relations.add(new ObjectName(schema, name));
            m.appendReplacement(
                    flinkSql,
                    Matcher.quoteReplacement("`" + m.group(1) + "`.`" + m.group(2) + "`"));
        }
        m.appendTail(flinkSql);
        return new ViewQuery(select, flinkSql.toString(), new ArrayList<>(relations), List.of());
    }

    /** True for a query whose result is keyed by GROUP BY columns (an upserting view). */
    public boolean aggregating() {
        return !groupByColumns.isEmpty();
    }
}
