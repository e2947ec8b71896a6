package org.streamingest.warehouse.view;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseCatalog;

import org.apache.flink.table.catalog.ObjectPath;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that every relation a query reads exists before Flink plans it, so a typo gets Redshift's
 * message ({@code schema "x" does not exist}, {@code relation "s.t" does not exist}) with the
 * statement's position instead of a planner exception. For a stream schema the stream itself is
 * looked up in Kinesis (stream names are case sensitive). Also tells which stream a base view
 * reads.
 */
final class Relations {

    private Relations() {}

    static void requireExisting(WarehouseCatalog catalog, ViewQuery query) {
        for (ObjectName table : query.referencedTables()) {
            if (SystemViews.isSystemView(table)) {
                continue;
            }
            if (!catalog.databaseExists(table.schema())) {
                throw new WarehouseException(
                        "Schema \""
                                + table.schema()
                                + "\" does not exist. Create it first (CREATE EXTERNAL SCHEMA "
                                + table.schema()
                                + " FROM KINESIS IAM_ROLE default for a stream schema) or fix"
                                + " the name.");
            }
            if (!catalog.tableExists(new ObjectPath(table.schema(), table.name()))) {
                boolean stream = catalog.externalSchema(table.schema()).isPresent();
                throw new WarehouseException(
                        "Relation \""
                                + table
                                + "\" does not exist"
                                + (stream
                                        ? ": there is no Kinesis stream named \""
                                                + table.name()
                                                + "\". Stream names are case sensitive: quote"
                                                + " the name and SET"
                                                + " enable_case_sensitive_identifier TO true for"
                                                + " names with upper case letters."
                                        : ". Create the materialized view or table first, or"
                                                + " fix the name."));
            }
        }
    }

    /**
     * Checks the query of a materialized view: its relations exist, it reads no system view, and a
     * stream only alone; returns that stream, or {@code null} for a derived view.
     */
    static String checkViewQuery(WarehouseCatalog catalog, ViewQuery query) {
        requireExisting(catalog, query);
        requireNoSystemView(query);
        return baseStream(catalog, query);
    }

    /** Materialized views cannot read system views, whose rows exist only while a query runs. */
    private static void requireNoSystemView(ViewQuery query) {
        for (ObjectName table : query.referencedTables()) {
            if (SystemViews.isSystemView(table)) {
                throw new WarehouseException(
                        "A materialized view cannot read the system view "
                                + table.name()
                                + "; query it with SELECT.");
            }
        }
    }

    /** The one stream a base view reads, {@code null} for a derived view, else an error. */
    static String baseStream(WarehouseCatalog catalog, ViewQuery query) {
        List<ObjectName> streams = new ArrayList<>();
        for (ObjectName table : query.referencedTables()) {
            if (catalog.externalSchema(table.schema()).isPresent()) {
                streams.add(table);
            }
        }
        if (streams.isEmpty()) {
            return null;
        }
        if (streams.size() > 1 || query.referencedTables().size() > 1) {
            throw new WarehouseException(
                    "A materialized view on a stream must read exactly one stream and no other"
                            + " relation, as in Redshift; this one reads "
                            + query.referencedTables()
                            + ". Create one view per stream, then a view over those views.");
        }
        return streams.get(0).toString();
    }
}
