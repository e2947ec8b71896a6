package org.streamingest.warehouse.maintenance;

import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes the delete files that can no longer delete anything (Iceberg's rewrite commit drops some
 * of them itself, not all). An equality delete applies to data files of a smaller data sequence
 * number, a position delete to those of a smaller or equal one: once every data file that was older
 * has been rewritten (with the deletes applied), the delete files are dead weight that every scan
 * plans around. The smallest data sequence number is taken over the whole table, which is exact for
 * an unpartitioned table and errs on keeping for a partitioned one.
 */
final class DanglingDeletes {

    private DanglingDeletes() {}

    /** Removes the dangling delete files of {@code table} in one commit; how many it removed. */
    static long remove(Table table) {
        table.refresh();
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return 0;
        }
        long oldestData = Long.MAX_VALUE;
        for (ManifestFile manifest : current.dataManifests(table.io())) {
            for (DataFile file : read(ManifestFiles.read(manifest, table.io(), table.specs()))) {
                oldestData = Math.min(oldestData, sequence(file.dataSequenceNumber()));
            }
        }
        List<DeleteFile> dangling = new ArrayList<>();
        for (ManifestFile manifest : current.deleteManifests(table.io())) {
            for (DeleteFile file :
                    read(ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs()))) {
                long sequence = sequence(file.dataSequenceNumber());
                boolean dead =
                        file.content() == FileContent.EQUALITY_DELETES
                                ? sequence <= oldestData
                                : sequence < oldestData;
                if (dead) {
                    dangling.add(file);
                }
            }
        }
        if (dangling.isEmpty()) {
            return 0;
        }
        RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(current.snapshotId());
        dangling.forEach(rewrite::deleteFile);
        rewrite.commit();
        return dangling.size();
    }

    /** A file's data sequence number; none (a v1 table) counts as the oldest, keeping deletes. */
    private static long sequence(Long number) {
        return number == null ? 0 : number;
    }

    /** The locations of the live delete files of {@code table}'s current snapshot. */
    static Set<String> live(Table table) {
        table.refresh();
        Snapshot current = table.currentSnapshot();
        Set<String> locations = new HashSet<>();
        if (current != null) {
            for (ManifestFile manifest : current.deleteManifests(table.io())) {
                for (DeleteFile file :
                        read(
                                ManifestFiles.readDeleteManifest(
                                        manifest, table.io(), table.specs()))) {
                    locations.add(file.location());
                }
            }
        }
        return locations;
    }

    private static <F extends ContentFile<F>> List<F> read(ManifestReader<F> reader) {
        List<F> files = new ArrayList<>();
        try (ManifestReader<F> open = reader) {
            for (F file : open) {
                files.add(file.copy());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
