package org.streamingest.warehouse.maintenance;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

import javax.annotation.Nullable;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The maintenance of the warehouse's tables (a materialized view's, or any other of a regular
 * schema): expire old snapshots ({@link SnapshotExpiry}), rewrite small data files and fold deletes
 * in ({@link DataFileRewrite}), delete orphan files ({@link OrphanFiles}). The one core behind the
 * {@code CALL} procedures; an argument left open takes the warehouse's default ({@link
 * MaintenanceSettings}). In one process, the operations on one table run one at a time.
 */
public final class TableMaintenance {

    private static final Map<String, Object> RUNNING = new ConcurrentHashMap<>();

    private final Catalog catalog;
    private final MaintenanceSettings settings;
    private final Clock clock;

    public TableMaintenance(Catalog catalog, MaintenanceSettings settings, Clock clock) {
        this.catalog = catalog;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Expires the snapshots of {@code name} older than {@code olderThan} (default: now minus {@code
     * maintenance.snapshot-retention}), keeping the newest {@code retainLast} (default: {@code
     * maintenance.retain-last}).
     */
    public SnapshotExpiry.Result expireSnapshots(
            ObjectName name, @Nullable Instant olderThan, @Nullable Integer retainLast) {
        if (retainLast != null && retainLast < 1) {
            throw new WarehouseException(
                    "retain_last must be at least 1 (the current snapshot is always kept), not "
                            + retainLast
                            + ".");
        }
        Instant before =
                olderThan != null ? olderThan : clock.instant().minus(settings.snapshotRetention());
        int keep = retainLast != null ? retainLast : settings.retainLast();
        return exclusively(name, () -> SnapshotExpiry.expire(table(name), before, keep));
    }

    /**
     * Rewrites the small data files of {@code name} into files of about {@code targetBytes}
     * (default: {@code maintenance.target-file-size}) with a Flink job in {@code env}.
     */
    public DataFileRewrite.Result rewriteDataFiles(
            ObjectName name, StreamExecutionEnvironment env, @Nullable Long targetBytes) {
        return rewriteDataFiles(name, new DataFileRewrite(env), targetBytes);
    }

    DataFileRewrite.Result rewriteDataFiles(
            ObjectName name, DataFileRewrite rewrite, @Nullable Long targetBytes) {
        if (targetBytes != null && targetBytes < 1) {
            throw new WarehouseException(
                    "target_file_size must be a positive number of bytes, not "
                            + targetBytes
                            + ".");
        }
        long target = targetBytes != null ? targetBytes : settings.targetFileSizeBytes();
        return exclusively(name, () -> rewrite.rewrite(table(name), target));
    }

    /**
     * Deletes the files of {@code name} that nothing refers to and that were last modified before
     * {@code olderThan} (default: now minus {@code maintenance.orphan-file-age}), which must be at
     * least an hour ago.
     */
    public OrphanFiles.Result removeOrphanFiles(ObjectName name, @Nullable Instant olderThan) {
        Instant now = clock.instant();
        Instant latest = now.minus(MaintenanceSettings.SHORTEST_ORPHAN_FILE_AGE);
        Instant before = olderThan != null ? olderThan : now.minus(settings.orphanFileAge());
        if (before.isAfter(latest)) {
            throw new WarehouseException(
                    "older_than of remove_orphan_files must be at least "
                            + TimeUtils.formatWithHighestUnit(
                                    MaintenanceSettings.SHORTEST_ORPHAN_FILE_AGE)
                            + " ago (no later than "
                            + latest
                            + ", given "
                            + before
                            + "): a younger file may belong to a commit in progress.");
        }
        return exclusively(name, () -> OrphanFiles.remove(table(name), before));
    }

    /** The Iceberg table of {@code name}, or an error saying there is none. */
    public Table table(ObjectName name) {
        try {
            return catalog.loadTable(TableIdentifier.of(name.schema(), name.name()));
        } catch (NoSuchTableException e) {
            throw new WarehouseException(
                    "Materialized view \""
                            + name
                            + "\" does not exist (nor a table of that name in the warehouse).",
                    e);
        }
    }

    private static <T> T exclusively(ObjectName name, Supplier<T> operation) {
        Object lock = RUNNING.computeIfAbsent(name.toString(), k -> new Object());
        synchronized (lock) {
            return operation.get();
        }
    }
}
