package org.streamingest.warehouse.catalog;

import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Types;

import java.util.Optional;

/**
 * Persists external schemas in the Iceberg catalog. Iceberg's Hadoop catalog keeps no namespace
 * properties, so an external schema is a namespace holding one empty marker table, {@value
 * #MARKER}, whose table properties hold the schema's definition ({@link ExternalSchema}). The
 * marker is hidden from the schema's table list, which shows the streams instead.
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
        if (!namespaces().namespaceExists(Namespace.of(name))) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    ExternalSchema.fromProperties(
                            name, iceberg.loadTable(marker(name)).properties()));
        } catch (NoSuchTableException regularSchema) {
            return Optional.empty();
        }
    }

    /** Creates the namespace and its marker. The caller checked that the name is free. */
    void create(ExternalSchema schema) {
        Namespace namespace = Namespace.of(schema.name());
        if (!namespaces().namespaceExists(namespace)) {
            namespaces().createNamespace(namespace);
        }
        iceberg.buildTable(marker(schema.name()), MARKER_SCHEMA)
                .withProperties(schema.toProperties())
                .create();
    }

    /** Removes the marker and the then empty namespace. */
    void drop(String name) {
        iceberg.dropTable(marker(name), true);
        namespaces().dropNamespace(Namespace.of(name));
    }

    private static TableIdentifier marker(String schema) {
        return TableIdentifier.of(Namespace.of(schema), MARKER);
    }

    private SupportsNamespaces namespaces() {
        return (SupportsNamespaces) iceberg;
    }
}
