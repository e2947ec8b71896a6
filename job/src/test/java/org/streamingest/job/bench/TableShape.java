package org.streamingest.job.bench;

import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

import java.util.Locale;

/**
 * What a query of an Iceberg table has to plan over: its live data files, rows, snapshots, data
 * manifests and the size of its current metadata file.
 */
record TableShape(
        long dataFiles,
        long deleteFiles,
        long records,
        int snapshots,
        int dataManifests,
        long metadataBytes) {

    static TableShape of(Table table) {
        table.refresh();
        Snapshot current = table.currentSnapshot();
        int snapshots = 0;
        for (Snapshot ignored : table.snapshots()) {
            snapshots++;
        }
        String metadata =
                ((HasTableOperations) table).operations().current().metadataFileLocation();
        return new TableShape(
                total(current, "total-data-files"),
                total(current, "total-delete-files"),
                total(current, "total-records"),
                snapshots,
                current == null ? 0 : current.dataManifests(table.io()).size(),
                table.io().newInputFile(metadata).getLength());
    }

    /** A {@code total-*} figure of a snapshot's summary; 0 for an empty table. */
    static long total(Snapshot snapshot, String key) {
        return snapshot == null ? 0 : Long.parseLong(snapshot.summary().getOrDefault(key, "0"));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%,d rows in %,d data files (%,d delete files), %,d snapshots, %,d data manifests,"
                        + " metadata.json %,d KB",
                records,
                dataFiles,
                deleteFiles,
                snapshots,
                dataManifests,
                metadataBytes / 1024);
    }
}
