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

    @Test
    void aSnapshotIsWithinTheViewsDirectoriesWhateverTheSpellingOfItsScheme() {
        String savepoints = "s3://bucket/wh/savepoints/public.v";
        String checkpoints = "s3://bucket/wh/checkpoints/public.v";
        assertThat(RestorePoints.within(savepoints + "/savepoint-1", savepoints, checkpoints))
                .isTrue();
        assertThat(RestorePoints.within(checkpoints + "/j/chk-3", savepoints, checkpoints))
                .isTrue();
        assertThat(RestorePoints.within("s3://bucket/wh/savepoints/public.v2/x", savepoints))
                .isFalse();
        assertThat(RestorePoints.within("s3://other/wh/savepoints/public.v/x", savepoints))
                .isFalse();
        assertThat(
                        RestorePoints.within(
                                "file:/wh/savepoints/public.v/x", "/wh/savepoints/public.v"))
                .isTrue();
        assertThat(RestorePoints.within("/elsewhere/savepoint-1", savepoints)).isFalse();
    }

    @Test
    void aSavepointDirectoryIsTheViewsOnlyWhenItNamesThatDirectory() {
        String savepoints = "s3://bucket/wh/savepoints/public.v";
        assertThat(RestorePoints.sameDirectory(savepoints + "/", savepoints)).isTrue();
        assertThat(RestorePoints.sameDirectory("file:/wh/sp/public.v", "/wh/sp/public.v")).isTrue();
        assertThat(RestorePoints.sameDirectory(savepoints + "/x", savepoints)).isFalse();
        assertThat(RestorePoints.sameDirectory("s3://bucket/wh/savepoints", savepoints)).isFalse();
        assertThat(RestorePoints.sameDirectory(savepoints + "2", savepoints)).isFalse();
        assertThat(RestorePoints.sameDirectory("s3://other/wh/savepoints/public.v", savepoints))
                .isFalse();
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
