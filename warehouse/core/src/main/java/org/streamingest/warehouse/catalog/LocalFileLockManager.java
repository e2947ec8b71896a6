package org.streamingest.warehouse.catalog;

import org.apache.iceberg.LockManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Makes commits of Iceberg's Hadoop catalog atomic across processes on a local file system ({@code
 * lock-impl} of the Hadoop backend). A Hadoop table commits version N by renaming a new metadata
 * file to {@code vN.metadata.json} after checking that no such file exists; on a local file system
 * the rename replaces an existing file, so two processes that check at the same time would both
 * "win" and one commit would be lost. Iceberg's default lock only serialises the threads of one
 * process. This lock is a file {@code vN.metadata.json.lock} created exclusively (an atomic {@code
 * O_EXCL} create), which every process on the machine, or sharing the mount, sees. A lock older
 * than {@link #STALE} belongs to a process that died while committing and is broken.
 */
public final class LocalFileLockManager implements LockManager {

    static final Duration STALE = Duration.ofSeconds(60);
    static final Duration WAIT = Duration.ofSeconds(30);

    @Override
    public void initialize(Map<String, String> properties) {}

    @Override
    public boolean acquire(String entityId, String ownerId) {
        Path lock = lockFile(entityId);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                Files.writeString(
                        lock,
                        ownerId,
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException held) {
                breakIfStale(lock);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the commit lock " + lock, e);
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Override
    public boolean release(String entityId, String ownerId) {
        Path lock = lockFile(entityId);
        try {
            if (!ownerId.equals(Files.readString(lock, StandardCharsets.UTF_8))) {
                return false;
            }
            Files.delete(lock);
            return true;
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the commit lock " + lock, e);
        }
    }

    @Override
    public void close() {}

    private static void breakIfStale(Path lock) {
        try {
            Instant written = Files.getLastModifiedTime(lock).toInstant();
            if (written.plus(STALE).isBefore(Instant.now())) {
                Files.deleteIfExists(lock);
            }
        } catch (NoSuchFileException released) {
            // released meanwhile: the next attempt takes it
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the commit lock " + lock, e);
        }
    }

    /** The lock of a metadata file, given as a path or a {@code file:} URI. */
    static Path lockFile(String entityId) {
        String path = entityId.startsWith("file:") ? entityId.substring(5) : entityId;
        if (path.startsWith("//")) { // file:///x: an empty authority
            path = path.substring(2);
        }
        Path file = Path.of(path);
        return file.resolveSibling(file.getFileName() + ".lock");
    }
}
