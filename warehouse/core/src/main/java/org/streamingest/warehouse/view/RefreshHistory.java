package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The history of materialized view refreshes, as Redshift's {@code SYS_MV_REFRESH_HISTORY}: one row
 * per manual refresh (each view of a REFRESH ... CASCADE too) and per automatic recompute of a
 * derived view, successful or not. The periodic commits of an AUTO REFRESH YES view on a stream are
 * checkpoints, not refreshes, and are not recorded. Rows live in the Iceberg table {@code
 * pg_catalog.sys_mv_refresh_history} of the warehouse, Redshift's system schema, so the history
 * survives sessions and is read like any table.
 */
final class RefreshHistory {

    static final String NAMESPACE = SystemViews.PG_CATALOG;
    static final String TABLE = SystemViews.SYS_MV_REFRESH_HISTORY;
    static final TableIdentifier ID = TableIdentifier.of(Namespace.of(NAMESPACE), TABLE);

    static final Schema SCHEMA =
            new Schema(
                    Types.NestedField.required(1, "schema_name", Types.StringType.get()),
                    Types.NestedField.required(2, "mv_name", Types.StringType.get()),
                    Types.NestedField.required(3, "refresh_type", Types.StringType.get()),
                    Types.NestedField.required(4, "status", Types.StringType.get()),
                    Types.NestedField.required(5, "start_time", Types.TimestampType.withoutZone()),
                    Types.NestedField.required(6, "end_time", Types.TimestampType.withoutZone()),
                    Types.NestedField.required(7, "duration", Types.LongType.get()),
                    Types.NestedField.optional(8, "rows_added", Types.LongType.get()),
                    Types.NestedField.optional(9, "message", Types.StringType.get()));

    /** {@code refresh_type}: started by a statement, or by the session for AUTO REFRESH YES. */
    enum Type {
        MANUAL("Manual"),
        AUTO("Auto");

        final String sql;

        Type(String sql) {
            this.sql = sql;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RefreshHistory.class);

    private final Catalog iceberg;

    RefreshHistory(Catalog iceberg) {
        this.iceberg = iceberg;
    }

    /** The Iceberg catalog the history is kept in. */
    Catalog iceberg() {
        return iceberg;
    }

    /** Records a refresh that added {@code rows}; {@code message} says how it went. */
    void succeeded(ObjectName view, Type type, Instant start, long rows, String message) {
        append(view, type, "Succeeded", start, rows, message);
    }

    /** Records a refresh that failed with {@code error}. */
    void failed(ObjectName view, Type type, Instant start, String error) {
        append(view, type, "Failed", start, null, error);
    }

    /** Appends one row; a history that cannot be written is logged, never fails a refresh. */
    private void append(
            ObjectName view, Type type, String status, Instant start, Long rows, String message) {
        try {
            write(view, type, status, start, rows, message);
        } catch (RuntimeException e) {
            LOG.warn("Cannot record the refresh of {} in {}: {}", view, ID, e.toString());
        }
    }

    private void write(
            ObjectName view, Type type, String status, Instant start, Long rows, String message) {
        Instant end = Instant.now();
        Record row = GenericRecord.create(SCHEMA);
        row.setField("schema_name", view.schema());
        row.setField("mv_name", view.name());
        row.setField("refresh_type", type.sql);
        row.setField("status", status);
        row.setField("start_time", LocalDateTime.ofInstant(start, ZoneOffset.UTC));
        row.setField("end_time", LocalDateTime.ofInstant(end, ZoneOffset.UTC));
        row.setField("duration", Duration.between(start, end).toNanos() / 1_000); // as Redshift
        row.setField("rows_added", rows);
        row.setField("message", message);
        Table table = table();
        String file = table.locationProvider().newDataLocation(UUID.randomUUID() + ".parquet");
        DataWriter<Record> writer =
                new GenericAppenderFactory(SCHEMA)
                        .newDataWriter(
                                EncryptedFiles.plainAsEncryptedOutput(
                                        table.io().newOutputFile(file)),
                                FileFormat.PARQUET,
                                null);
        try (writer) {
            writer.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the refresh history: " + e, e);
        }
        DataFile written = writer.toDataFile();
        table.newAppend().appendFile(written).commit();
    }

    /** The history's table, created empty if no refresh was recorded yet. */
    Table table() {
        if (iceberg.tableExists(ID)) {
            return iceberg.loadTable(ID);
        }
        SupportsNamespaces namespaces = (SupportsNamespaces) iceberg;
        if (!namespaces.namespaceExists(ID.namespace())) {
            namespaces.createNamespace(ID.namespace());
        }
        try {
            return iceberg.createTable(
                    ID, SCHEMA, PartitionSpec.unpartitioned(), ViewTables.TABLE_PROPERTIES);
        } catch (AlreadyExistsException createdMeanwhile) {
            return iceberg.loadTable(ID);
        }
    }
}
