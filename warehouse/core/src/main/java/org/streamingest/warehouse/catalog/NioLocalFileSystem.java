package org.streamingest.warehouse.catalog;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hadoop's local file system (with its {@code .crc} checksum files) for a warehouse on this
 * machine's disk, setting a new file's permissions through {@code java.nio}: without Hadoop's
 * native library, {@link RawLocalFileSystem} runs a {@code chmod} process for every file it
 * creates, twice with the checksum file, so ten or more processes per Iceberg commit of a view
 * (docs/benchmarks.md, table maintenance). The files and their permissions are the same; where the
 * file system has no POSIX permissions, Hadoop's own way is used.
 */
public final class NioLocalFileSystem extends LocalFileSystem {

    public NioLocalFileSystem() {
        super(new Raw());
    }

    /** The raw file system, permissions set without a process. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            String rwx = permission.toString().substring(0, 9);
            try {
                Files.setPosixFilePermissions(
                        pathToFile(p).toPath(), PosixFilePermissions.fromString(rwx));
            } catch (UnsupportedOperationException notPosix) {
                super.setPermission(p, permission);
            }
        }
    }
}
