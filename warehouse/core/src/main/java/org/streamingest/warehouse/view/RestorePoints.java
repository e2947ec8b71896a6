package org.streamingest.warehouse.view;

import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Finds where a view's next pipeline starts: the newest completed snapshot of its state, whichever
 * kind. That is a savepoint ({@code savepoints/<view>/<savepoint>/_metadata}, written when a
 * pipeline was suspended) or a retained checkpoint ({@code
 * checkpoints/<view>/<job>/chk-<n>/_metadata}, left by a pipeline that failed or whose session was
 * killed), newest by the time its {@code _metadata} was written, since every pipeline restores the
 * newest one and so its own snapshots are newer. A directory without {@code _metadata} was not
 * completed and is never chosen.
 *
 * <p>No pointer has to be recorded anywhere, so a session killed between completing a snapshot and
 * recording it loses nothing: the snapshot on disk is found anyway. A suspend deletes every other
 * snapshot of the view.
 */
final class RestorePoints {

    private static final String METADATA = "_metadata";
    private static final String CHECKPOINT = "chk-";

    private RestorePoints() {}

    /** The newest completed snapshot of a view, or {@code null} if it has none. */
    static String newest(String savepoints, String checkpoints) {
        Newest newest = new Newest();
        for (Path savepoint : children(new Path(savepoints))) {
            newest.consider(savepoint);
        }
        for (Path job : children(new Path(checkpoints))) {
            for (Path checkpoint : children(job)) {
                if (checkpoint.getName().startsWith(CHECKPOINT)) {
                    newest.consider(checkpoint);
                }
            }
        }
        return newest.path == null ? null : newest.path.toString();
    }

    /**
     * True if {@code snapshot} lies in one of {@code directories} (a view's savepoint and
     * checkpoint directories); a path without a scheme matches a directory of any scheme.
     */
    static boolean within(String snapshot, String... directories) {
        java.net.URI path = new Path(snapshot).toUri();
        for (String directory : directories) {
            java.net.URI dir = new Path(directory).toUri();
            if (sameFileSystem(path, dir) && path.getPath().startsWith(withSlash(dir.getPath()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if {@code a} and {@code b} name the same directory, a trailing slash aside; a path
     * without a scheme matches a directory of any scheme.
     */
    static boolean sameDirectory(String a, String b) {
        java.net.URI first = new Path(a).toUri();
        java.net.URI second = new Path(b).toUri();
        return sameFileSystem(first, second)
                && withSlash(first.getPath()).equals(withSlash(second.getPath()));
    }

    private static boolean sameFileSystem(java.net.URI a, java.net.URI b) {
        boolean sameScheme =
                a.getScheme() == null
                        || b.getScheme() == null
                        || a.getScheme().equals(b.getScheme());
        boolean sameAuthority =
                a.getAuthority() == null
                        || b.getAuthority() == null
                        || a.getAuthority().equals(b.getAuthority());
        return sameScheme && sameAuthority;
    }

    private static String withSlash(String path) {
        return path.endsWith("/") ? path : path + "/";
    }

    private static final class Newest {
        private Path path;
        private long written = Long.MIN_VALUE;

        void consider(Path snapshot) {
            Path metadata = new Path(snapshot, METADATA);
            try {
                FileSystem fs = metadata.getFileSystem();
                if (!fs.exists(metadata)) {
                    return;
                }
                long time = fs.getFileStatus(metadata).getModificationTime();
                if (time > written) {
                    path = snapshot;
                    written = time;
                }
            } catch (IOException e) {
                throw unreadable(metadata, e);
            }
        }
    }

    private static Path[] children(Path directory) {
        try {
            FileSystem fs = directory.getFileSystem();
            if (!fs.exists(directory)) {
                return new Path[0];
            }
            FileStatus[] statuses = fs.listStatus(directory);
            Path[] dirs = new Path[statuses.length];
            int n = 0;
            for (FileStatus status : statuses) {
                if (status.isDir()) {
                    dirs[n++] = status.getPath();
                }
            }
            return java.util.Arrays.copyOf(dirs, n);
        } catch (IOException e) {
            throw unreadable(directory, e);
        }
    }

    private static UncheckedIOException unreadable(Path path, IOException e) {
        return new UncheckedIOException(
                "Cannot read the pipeline state at " + path + ": " + e.getMessage(), e);
    }
}
