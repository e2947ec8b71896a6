package org.streamingest.job.bench;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hadoop's local file system (with its {@code .crc} checksum files), setting a new file's
 * permissions through {@code java.nio} instead of running {@code chmod}: without Hadoop's native
 * library, {@link RawLocalFileSystem} starts a {@code chmod} process for every file it creates (two
 * per file with the checksum file), which on a loaded machine costs more than the rest of an
 * Iceberg commit. The files and their permissions are the same.
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {

    public ForklessLocalFileSystem() {
        super(new Raw());
    }

    /** The raw file system, permissions set without a process. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            String rwx = permission.toString();
            Files.setPosixFilePermissions(
                    pathToFile(p).toPath(), PosixFilePermissions.fromString(rwx.substring(0, 9)));
        }
    }
}
