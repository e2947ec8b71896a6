package org.streamingest.warehouse.view;

import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows a refresh reports: for an upserting (GROUP BY) view the keys whose row is new, changed
 * or gone, not the records its snapshots added (one per update); for an appending view the rows
 * appended.
 */
class ViewChangesTest {

    private static final Schema KEYED =
            new Schema(
                    List.of(
                            Types.NestedField.required(1, "k", Types.StringType.get()),
                            Types.NestedField.optional(2, "n", Types.LongType.get())),
                    Set.of(1));

    @TempDir Path dir;

    private int files;

    @Test
    void anUpsertingViewCountsKeysNotRecords() throws IOException {
        // Given a view keyed by k that wrote a and b, then a again: three upserts, two rows
        Table table = create(KEYED, "keyed");
        upsert(table, row("a", 1), row("b", 10));
        upsert(table, row("a", 2));
        Snapshot refreshed = table.currentSnapshot();
        assertThat(ViewChanges.addedSince(table, null)).isEqualTo(3);
        assertThat(ViewChanges.since(table, null)).isEqualTo(2);

        // When the next commit sets a to the value it has, changes b and adds c
        upsert(table, row("a", 2), row("b", 11), row("c", 5));
        Snapshot second = table.currentSnapshot();

        // Then two rows changed (b and c), although three records were added
        assertThat(second.summary().get("added-records")).isEqualTo("3");
        assertThat(ViewChanges.since(table, refreshed)).isEqualTo(2);

        // And a key whose row is deleted counts as a change; no commit, no change
        delete(table, "c");
        assertThat(ViewChanges.since(table, second)).isEqualTo(1);
        assertThat(ViewChanges.since(table, table.currentSnapshot())).isZero();
    }

    @Test
    void anAppendingViewCountsTheRowsAppended() throws IOException {
        Schema schema = new Schema(Types.NestedField.optional(1, "k", Types.StringType.get()));
        Table table = create(schema, "appends");
        table.newAppend()
                .appendFile(data(table, record(schema, "a"), record(schema, "a")))
                .commit();
        Snapshot first = table.currentSnapshot();
        table.newAppend().appendFile(data(table, record(schema, "b"))).commit();

        assertThat(ViewChanges.since(table, null)).isEqualTo(3);
        assertThat(ViewChanges.since(table, first)).isEqualTo(1);
    }

    private Table create(Schema schema, String name) {
        return new HadoopTables(new Configuration())
                .create(
                        schema,
                        PartitionSpec.unpartitioned(),
                        Map.of("format-version", "2"),
                        dir.resolve(name).toUri().toString());
    }

    /** As Flink's upsert writer commits: per row an equality delete of its key, then the row. */
    private void upsert(Table table, Record... rows) throws IOException {
        String[] keys = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            keys[i] = (String) rows[i].getField("k");
        }
        table.newRowDelta()
                .addRows(data(table, rows))
                .addDeletes(equalityDeletes(table, keys))
                .commit();
    }

    private void delete(Table table, String key) throws IOException {
        table.newRowDelta().addDeletes(equalityDeletes(table, key)).commit();
    }

    private static Record row(String key, long n) {
        Record row = GenericRecord.create(KEYED);
        row.setField("k", key);
        row.setField("n", n);
        return row;
    }

    private static Record record(Schema schema, String key) {
        Record row = GenericRecord.create(schema);
        row.setField("k", key);
        return row;
    }

    private DataFile data(Table table, Record... rows) throws IOException {
        DataWriter<Record> writer =
                new GenericAppenderFactory(table.schema(), table.spec())
                        .newDataWriter(output(table), FileFormat.PARQUET, null);
        try (writer) {
            for (Record row : rows) {
                writer.write(row);
            }
        }
        return writer.toDataFile();
    }

    private DeleteFile equalityDeletes(Table table, String... keys) throws IOException {
        Schema keySchema = table.schema().select("k");
        EqualityDeleteWriter<Record> writer =
                new GenericAppenderFactory(
                                table.schema(), table.spec(), new int[] {1}, keySchema, null)
                        .newEqDeleteWriter(output(table), FileFormat.PARQUET, null);
        try (writer) {
            for (String key : keys) {
                Record deleted = GenericRecord.create(keySchema);
                deleted.setField("k", key);
                writer.write(deleted);
            }
        }
        return writer.toDeleteFile();
    }

    private EncryptedOutputFile output(Table table) {
        return EncryptedFiles.plainAsEncryptedOutput(
                table.io().newOutputFile(table.location() + "/data/f" + (files++) + ".parquet"));
    }
}
