package org.streamingest.warehouse.view;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RestorePointsTest {

    @TempDir Path dir;

    @Test
    void nothingWrittenMeansTheTrimHorizon() {
        assertThat(RestorePoints.newest(uri("savepoints"), uri("checkpoints"))).isNull();
    }

    @Test
    void theNewestCompletedSnapshotWinsWhateverItsKindOrJob() throws Exception {
        snapshot("savepoints/savepoint-a", 100);
        snapshot("checkpoints/job1/chk-9", 200);
        snapshot("checkpoints/job2/chk-10", 300); // a later job, restored from chk-9
        Files.createDirectories(dir.resolve("checkpoints/job2/chk-11")); // not completed
        Files.createDirectories(dir.resolve("checkpoints/job2/shared"));
        assertThat(RestorePoints.newest(uri("savepoints"), uri("checkpoints")))
                .endsWith("/checkpoints/job2/chk-10");

        snapshot("savepoints/savepoint-b", 400); // a suspend after it
        assertThat(RestorePoints.newest(uri("savepoints"), uri("checkpoints")))
                .endsWith("/savepoints/savepoint-b");
    }

    @Test
    void aJobWithoutCheckpointsLeavesTheOlderSnapshotTheRestorePoint() throws Exception {
        snapshot("checkpoints/job1/chk-4", 100);
        Files.createDirectories(dir.resolve("checkpoints/job2")); // failed before its first one
        assertThat(RestorePoints.newest(uri("savepoints"), uri("checkpoints")))
                .endsWith("/checkpoints/job1/chk-4");
    }

    private void snapshot(String path, long second) throws Exception {
        Path metadata = Files.createDirectories(dir.resolve(path)).resolve("_metadata");
        Files.writeString(metadata, "x");
        Files.setLastModifiedTime(metadata, FileTime.from(Instant.ofEpochSecond(second)));
    }

    private String uri(String child) {
        return dir.resolve(child).toUri().toString();
    }
}
