package org.streamingest.warehouse.catalog;

import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.types.Types;

import java.util.Map;
import java.util.Optional;

/**
 * Persists external schemas in the Iceberg catalog, in one of two layouts:
 *
 * <ul>
 *   <li>as <b>namespace properties</b> ({@link ExternalSchema#toProperties()}), where the backend
 *       keeps them (JDBC, REST and most others);
 *   <li>as a namespace holding one empty <b>marker table</b>, {@value #MARKER}, whose table
 *       properties hold the definition: Iceberg's Hadoop catalog keeps no namespace properties. The
 *       marker is hidden from the schema's table list, which shows the streams instead.
 * </ul>
 *
 * Reading accepts both, so a warehouse written with markers by an earlier version opens unchanged.
 */
final class ExternalSchemaStore {

    /** Name of the marker table; not a valid Kinesis stream name (streams allow no '$'). */
    static final String MARKER = "$external_schema";

    private static final Schema MARKER_SCHEMA =
            new Schema(Types.NestedField.optional(1, "unused", Types.IntegerType.get()));

    private final Catalog iceberg;

    ExternalSchemaStore(Catalog iceberg) {
        this.iceberg = iceberg;
    }

    /** The external schema named {@code name}, or empty if it is a regular schema or absent. */
    Optional<ExternalSchema> find(String name) {
        Map<String, String> properties;
        try {
            properties = namespaces().loadNamespaceMetadata(Namespace.of(name));
        } catch (NoSuchNamespaceException absent) {
            return Optional.empty();
        }
        if (properties.containsKey(ExternalSchema.SOURCE)) {
            return Optional.of(ExternalSchema.fromProperties(name, properties));
        }
        try {
            return Optional.of(
                    ExternalSchema.fromProperties(
                            name, iceberg.loadTable(marker(name)).properties()));
        } catch (NoSuchTableException regularSchema) {
            return Optional.empty();
        }
    }

    /** Creates the namespace with its definition. The caller checked that the name is free. */
    void create(ExternalSchema schema) {
        Namespace namespace = Namespace.of(schema.name());
        if (keepsNamespaceProperties()) {
            namespaces().createNamespace(namespace, schema.toProperties());
            return;
        }
        if (!namespaces().namespaceExists(namespace)) {
            namespaces().createNamespace(namespace);
        }
        iceberg.buildTable(marker(schema.name()), MARKER_SCHEMA)
                .withProperties(schema.toProperties())
                .create();
    }

    /** Removes the definition (marker or properties) with the then empty namespace. */
    void drop(String name) {
        if (iceberg.tableExists(marker(name))) {
            iceberg.dropTable(marker(name), true);
        }
        namespaces().dropNamespace(Namespace.of(name));
    }

    /** False for Iceberg's Hadoop catalog, which rejects namespace properties. */
    private boolean keepsNamespaceProperties() {
        return !(iceberg instanceof HadoopCatalog);
    }

    static TableIdentifier marker(String schema) {
        return TableIdentifier.of(Namespace.of(schema), MARKER);
    }

    private SupportsNamespaces namespaces() {
        return (SupportsNamespaces) iceberg;
    }
}
