package org.streamingest.warehouse.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The commit lock of the Hadoop backend, on the local file system it is made for. */
class LocalFileLockManagerTest {

    @TempDir Path dir;

    @Test
    void aLockIsExclusiveAcrossInstancesUntilItsOwnerReleasesIt() {
        String version = "file:" + dir.resolve("v3.metadata.json");
        LocalFileLockManager one = new LocalFileLockManager();
        LocalFileLockManager two = new LocalFileLockManager();

        assertThat(one.acquire(version, "owner-1")).isTrue();
        assertThat(Files.exists(dir.resolve("v3.metadata.json.lock"))).isTrue();
        assertThat(two.release(version, "owner-2")).isFalse(); // not its lock
        assertThat(Files.exists(dir.resolve("v3.metadata.json.lock"))).isTrue();

        assertThat(one.release(version, "owner-1")).isTrue();
        assertThat(two.acquire(version, "owner-2")).isTrue();
        assertThat(two.release(version, "owner-2")).isTrue();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aStaleLockOfADeadCommitterIsBroken() throws Exception {
        Path lock = Files.writeString(dir.resolve("v4.metadata.json.lock"), "dead-owner");
        Files.setLastModifiedTime(
                lock,
                FileTime.from(Instant.now().minus(LocalFileLockManager.STALE).minusSeconds(1)));

        assertThat(new LocalFileLockManager().acquire(dir + "/v4.metadata.json", "owner")).isTrue();
        assertThat(Files.readString(lock)).isEqualTo("owner");
    }

    @Test
    void fileUrisWithAnEmptyAuthorityNameTheSameFile() {
        assertThat(LocalFileLockManager.lockFile("file:///tmp/wh/v1.metadata.json"))
                .isEqualTo(Path.of("/tmp/wh/v1.metadata.json.lock"));
        assertThat(LocalFileLockManager.lockFile("file:/tmp/wh/v1.metadata.json"))
                .isEqualTo(Path.of("/tmp/wh/v1.metadata.json.lock"));
    }
}
