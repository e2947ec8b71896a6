package org.streamingest.job.warehouse;

import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Finds the checkpoints a job left in its checkpoint directory ({@code <dir>/chk-<n>/_metadata}). A
 * checkpoint directory without {@code _metadata} was not completed (the job died while taking it)
 * and is never chosen.
 */
final class Checkpoints {

    private static final String PREFIX = "chk-";
    private static final String METADATA = "_metadata";

    private Checkpoints() {}

    /** The newest completed checkpoint under {@code jobDirectory}, or {@code null}. */
    static String newest(String jobDirectory) {
        Path directory = new Path(jobDirectory);
        try {
            FileSystem fs = directory.getFileSystem();
            if (!fs.exists(directory)) {
                return null;
            }
            Path newest = null;
            long newestId = -1;
            for (FileStatus status : fs.listStatus(directory)) {
                String name = status.getPath().getName();
                if (!status.isDir() || !name.startsWith(PREFIX)) {
                    continue;
                }
                long id;
                try {
                    id = Long.parseLong(name.substring(PREFIX.length()));
                } catch (NumberFormatException notACheckpoint) {
                    continue;
                }
                if (id > newestId && fs.exists(new Path(status.getPath(), METADATA))) {
                    newest = status.getPath();
                    newestId = id;
                }
            }
            return newest == null ? null : newest.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot list the checkpoints in " + jobDirectory + ": " + e.getMessage(), e);
        }
    }
}
