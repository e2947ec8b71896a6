package org.streamingest.job.bench;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/** Rows committed to an Iceberg table, from its snapshots' summaries. */
final class Snapshots {

    private Snapshots() {}

    /** The {@code added-records} of every snapshot after {@code before} (all if {@code null}). */
    static long addedSince(Table table, Long before) {
        table.refresh();
        long added = 0;
        for (Snapshot s = table.currentSnapshot();
                s != null && (before == null || s.snapshotId() != before);
                s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
            added += Long.parseLong(s.summary().getOrDefault("added-records", "0"));
        }
        return added;
    }

    /** The current snapshot's id, or {@code null} for an empty table. */
    static Long current(Table table) {
        table.refresh();
        return table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
    }
}
