package org.streamingest.warehouse.maintenance;

import java.time.Duration;

/**
 * The warehouse's defaults of table maintenance ({@code maintenance.*} options of the catalog):
 * what the procedures do when their arguments leave it open.
 *
 * @param interval how often the tables of the views run here are maintained; zero: never
 * @param snapshotRetention snapshots older than this are expired
 * @param retainLast the newest snapshots kept whatever their age
 * @param targetFileSizeBytes the size of the files a rewrite writes
 * @param orphanFileAge unreferenced files older than this are deleted
 */
public record MaintenanceSettings(
        Duration interval,
        Duration snapshotRetention,
        int retainLast,
        long targetFileSizeBytes,
        Duration orphanFileAge) {

    /** The youngest an orphan file may be to be deleted: younger ones may be about to commit. */
    public static final Duration SHORTEST_ORPHAN_FILE_AGE = Duration.ofHours(1);
}
