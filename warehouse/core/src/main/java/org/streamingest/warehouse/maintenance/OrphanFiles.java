package org.streamingest.warehouse.maintenance;

import org.streamingest.warehouse.WarehouseException;

import org.apache.hadoop.fs.Path;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes the files below a table's location that no snapshot, manifest or metadata file refers to
 * and that are older than a safety age: what failed writers and commits left behind. Iceberg's own
 * Flink {@code DeleteOrphanFiles} is a task of a streaming maintenance job ({@code
 * TableMaintenance}) with no way to run it once and read its result, so this is the same comparison
 * done here: every file listed through the table's {@link SupportsPrefixOperations FileIO}, against
 * the files reachable from every snapshot (data and delete files, manifests, manifest lists,
 * statistics) and from the metadata log (metadata files, version hint).
 *
 * <p>Files are compared by path, whatever the scheme or authority ({@code file:/a} and {@code
 * file:///a} are one file), which keeps a file rather than delete it. The safety age protects the
 * files a writer has written but not committed yet: a pipeline commits its files when its
 * checkpoint completes, and a pipeline restored from an older checkpoint commits that checkpoint's
 * files again, so the age must exceed how long a view may stay failed or suspended mid-commit.
 */
public final class OrphanFiles {

    /** What one removal did. */
    public record Result(long deletedFiles, long keptFiles, List<String> deleted) {}

    private OrphanFiles() {}

    /** Deletes the orphan files of {@code table} last modified before {@code olderThan}. */
    public static Result remove(Table table, Instant olderThan) {
        table.refresh();
        if (!(table.io() instanceof SupportsPrefixOperations listing)) {
            throw new WarehouseException(
                    "Cannot list the files of "
                            + table.name()
                            + ": its FileIO ("
                            + table.io().getClass().getName()
                            + ") cannot list a prefix.");
        }
        Set<String> reachable = reachable(table);
        List<String> deleted = new ArrayList<>();
        long kept = 0;
        for (FileInfo file : listing.listPrefix(table.location())) {
            if (reachable.contains(path(file.location()))
                    || file.createdAtMillis() >= olderThan.toEpochMilli()) {
                kept++;
            } else {
                deleted.add(file.location());
            }
        }
        deleted.forEach(table.io()::deleteFile);
        return new Result(deleted.size(), kept, List.copyOf(deleted));
    }

    /** The paths of every file the table's metadata refers to. */
    static Set<String> reachable(Table table) {
        Set<String> paths = new HashSet<>();
        ReachableFileUtil.metadataFileLocations(table, true).forEach(l -> paths.add(path(l)));
        paths.add(path(ReachableFileUtil.versionHintLocation(table)));
        ReachableFileUtil.statisticsFilesLocations(table).forEach(l -> paths.add(path(l)));
        Set<String> manifests = new HashSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            if (snapshot.manifestListLocation() != null) {
                paths.add(path(snapshot.manifestListLocation()));
            }
            for (ManifestFile manifest : snapshot.allManifests(table.io())) {
                if (manifests.add(manifest.path())) {
                    paths.add(path(manifest.path()));
                    addFiles(paths, manifest, table);
                }
            }
        }
        return paths;
    }

    /**
     * The live files of {@code manifest}; a file a snapshot deleted is live in an older snapshot's
     * manifest for as long as that snapshot is kept.
     */
    private static void addFiles(Set<String> paths, ManifestFile manifest, Table table) {
        try (ManifestReader<? extends ContentFile<?>> reader =
                switch (manifest.content()) {
                    case DATA -> ManifestFiles.read(manifest, table.io(), table.specs());
                    case DELETES ->
                            ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs());
                }) {
            reader.forEach(file -> paths.add(path(file.location())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A location's path, without scheme and authority. */
    static String path(String location) {
        return new Path(location).toUri().getPath().replaceAll("/+", "/");
    }
}
