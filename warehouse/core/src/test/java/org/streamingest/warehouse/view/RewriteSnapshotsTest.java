package org.streamingest.warehouse.view;

import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rewrite of a view's files by table maintenance (a {@code replace} snapshot) adds no rows to a
 * refresh's count and is no change of data for the views that read the table.
 */
class RewriteSnapshotsTest {

    private static final Schema SCHEMA =
            new Schema(Types.NestedField.optional(1, "id", Types.IntegerType.get()));

    @TempDir Path dir;

    @Test
    void aRewriteAddsNoRowsAndIsNoNewDataVersion() throws IOException {
        // Given two appends of 1 and 2 rows
        Table table =
                new HadoopTables(new Configuration())
                        .create(
                                SCHEMA,
                                PartitionSpec.unpartitioned(),
                                Map.of("format-version", "2"),
                                dir.resolve("t").toUri().toString());
        DataFile first = write(table, "a", 1);
        table.newAppend().appendFile(first).commit();
        Snapshot before = table.currentSnapshot();
        DataFile second = write(table, "b", 2, 3);
        table.newAppend().appendFile(second).commit();
        long appended = table.currentSnapshot().snapshotId();

        // When maintenance rewrites both files into one
        table.newRewrite()
                .deleteFile(first)
                .deleteFile(second)
                .addFile(write(table, "c", 1, 2, 3))
                .commit();

        // Then the rows added since the first append are the second's, and the data version is
        // still the second append
        assertThat(table.currentSnapshot().operation()).isEqualTo("replace");
        assertThat(ViewChanges.addedSince(table, before)).isEqualTo(2);
        assertThat(DerivedRefresh.dataVersion(table)).isEqualTo(appended);
    }

    private static DataFile write(Table table, String name, int... ids) throws IOException {
        DataWriter<Record> writer =
                new GenericAppenderFactory(table.schema(), table.spec())
                        .newDataWriter(
                                EncryptedFiles.plainAsEncryptedOutput(
                                        table.io()
                                                .newOutputFile(
                                                        table.location()
                                                                + "/data/"
                                                                + name
                                                                + ".parquet")),
                                FileFormat.PARQUET,
                                null);
        try (writer) {
            for (int id : ids) {
                GenericRecord record = GenericRecord.create(table.schema());
                record.setField("id", id);
                writer.write(record);
            }
        }
        return writer.toDataFile();
    }
}
