package org.streamingest.warehouse.maintenance;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Expires a table's old snapshots with Iceberg's own {@link Table#expireSnapshots()}: those older
 * than a time, except the newest {@code retainLast} ancestors of the current snapshot, and deletes
 * the files only they referenced.
 *
 * <p>One more rule keeps a view's pipeline exactly-once: the newest snapshot that Flink's Iceberg
 * sink committed, and every snapshot after it, are always kept. A pipeline restored from a
 * checkpoint or savepoint asks the sink whether that checkpoint's commit is in the table by walking
 * back from the current snapshot to the newest one carrying {@value #MAX_COMMITTED_CHECKPOINT_ID};
 * if that snapshot were expired (after a rewrite committed on top of it, say), the walk would find
 * none and the restored checkpoint would be committed a second time.
 */
public final class SnapshotExpiry {

    /** The snapshot summary key of Flink's Iceberg sink (its {@code SinkUtil}). */
    static final String MAX_COMMITTED_CHECKPOINT_ID = "flink.max-committed-checkpoint-id";

    /** What one expiry did. */
    public record Result(
            long deletedSnapshots,
            long retainedSnapshots,
            long deletedDataFiles,
            long deletedManifestFiles,
            long deletedManifestLists) {}

    private SnapshotExpiry() {}

    /**
     * Expires the snapshots of {@code table} older than {@code olderThan}, keeping at least the
     * newest {@code retainLast} (at least 1) and the sink's newest commit with those after it.
     */
    public static Result expire(Table table, Instant olderThan, int retainLast) {
        table.refresh();
        Set<Long> before = ids(table);
        long cutoff = olderThan.toEpochMilli();
        Snapshot sink = newestSinkCommit(table);
        int keep = Math.max(1, retainLast);
        if (sink != null) {
            // By count: the chain from the current snapshot down to the sink's commit stays whole.
            // By age ("older than" is strict): the sink's commit stays even if commits land on top
            // of it before this one, which would push it out of that count.
            keep = Math.max(keep, depth(table, sink));
            cutoff = Math.min(cutoff, sink.timestampMillis());
        }
        AtomicLong data = new AtomicLong();
        AtomicLong manifests = new AtomicLong();
        AtomicLong lists = new AtomicLong();
        table.expireSnapshots()
                .expireOlderThan(cutoff)
                .retainLast(keep)
                .deleteWith(
                        location -> {
                            table.io().deleteFile(location);
                            switch (kind(location)) {
                                case MANIFEST_LIST -> lists.incrementAndGet();
                                case MANIFEST -> manifests.incrementAndGet();
                                default -> data.incrementAndGet();
                            }
                        })
                .commit();
        table.refresh();
        Set<Long> after = ids(table);
        before.removeAll(after);
        return new Result(before.size(), after.size(), data.get(), manifests.get(), lists.get());
    }

    /** The newest ancestor of the current snapshot that the Flink sink committed, or null. */
    static Snapshot newestSinkCommit(Table table) {
        for (Snapshot s = table.currentSnapshot();
                s != null;
                s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
            if (s.summary().containsKey(MAX_COMMITTED_CHECKPOINT_ID)) {
                return s;
            }
        }
        return null;
    }

    /** How many snapshots from the current one back to {@code ancestor}, both included. */
    private static int depth(Table table, Snapshot ancestor) {
        int count = 1;
        for (Snapshot s = table.currentSnapshot();
                s != null && s.snapshotId() != ancestor.snapshotId();
                s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
            count++;
        }
        return count;
    }

    private static Set<Long> ids(Table table) {
        Set<Long> ids = new HashSet<>();
        table.snapshots().forEach(s -> ids.add(s.snapshotId()));
        return ids;
    }

    enum Kind {
        DATA,
        MANIFEST,
        MANIFEST_LIST
    }

    /** A deleted file's kind, from Iceberg's layout: manifests and their lists in metadata/. */
    static Kind kind(String location) {
        int slash = location.lastIndexOf('/');
        String name = location.substring(slash + 1);
        String parent = location.substring(0, Math.max(slash, 0));
        if (!parent.endsWith("/metadata") || !name.endsWith(".avro")) {
            return Kind.DATA;
        }
        return name.startsWith("snap-") ? Kind.MANIFEST_LIST : Kind.MANIFEST;
    }
}
