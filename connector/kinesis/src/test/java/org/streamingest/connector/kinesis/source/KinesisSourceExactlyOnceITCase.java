package org.streamingest.connector.kinesis.source;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.kinesis.testing.TestStreams;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamingest.connector.kinesis.source.ReadAssertions.assertExactlyOnce;
import static org.streamingest.connector.kinesis.source.TestData.entries;

/**
 * Exactly-once across restores: from a checkpoint after a failure, and from a savepoint into a new
 * job. The sinks never add duplicates themselves (see {@link JobOutput}), so every duplicate or gap
 * would come from the source's checkpointed positions.
 */
@Timeout(180)
class KinesisSourceExactlyOnceITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = SourceTestCluster.create();
    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CHECKPOINTS = Duration.ofMillis(250);

    @Test
    void restoresFromACheckpointAfterAFailureWithoutLossOrDuplicates() throws Exception {
        // Given a 4-shard stream with records
        TestStream stream = KINESIS.streams().create("failover", 4);
        List<TestRecord> put = new ArrayList<>(stream.put(entries("before", 400, 40)));
        String failure = TestStreams.uniqueName("failover");

        // When a checkpointing job fails once, after a checkpoint that followed 100 records of a
        // subtask, while records keep arriving, and then restarts from its last checkpoint
        try (SourceJob job =
                SourceJob.reading(stream.name(), KINESIS.endpoint())
                        .parallelism(2)
                        .checkpointEvery(CHECKPOINTS)
                        .restarts(3)
                        .failOnceAfter(failure, 100)
                        .start()) {
            for (int chunk = 0; FailOnceMap.failures(failure) == 0; chunk++) {
                assertThat(chunk).as("batches put without the injected failure").isLessThan(60);
                put.addAll(stream.put(entries("during-" + chunk, 20, 20)));
            }
            put.addAll(stream.put(entries("after", 200, 40)));
            List<ReadRecord> read = job.awaitRecords(put.size(), TIMEOUT);

            // Then every record was delivered exactly once
            assertThat(FailOnceMap.failures(failure)).isBetween(1, 2);
            assertExactlyOnce(read, put);
        }
    }

    @Test
    void resumesFromASavepointInANewJobWithoutLossOrDuplicates(@TempDir Path savepoints)
            throws Exception {
        // Given a 4-shard stream with records, and a job that committed part of them
        TestStream stream = KINESIS.streams().create("savepoint", 4);
        List<TestRecord> put = new ArrayList<>(stream.put(entries("first", 600, 40)));
        String output = TestStreams.uniqueName("savepoint");
        SourceJobBuilder job =
                SourceJob.reading(stream.name(), KINESIS.endpoint())
                        .parallelism(2)
                        .checkpointEvery(CHECKPOINTS)
                        .committedOutput(output);
        String savepoint;
        int readByFirstJob;
        try (SourceJob first = job.start()) {
            first.awaitRecords(200, TIMEOUT);

            // When it stops with a savepoint, more records arrive, and a new job resumes from it
            savepoint = first.stopWithSavepoint(savepoints, TIMEOUT);
            readByFirstJob = first.records().size();
        }
        put.addAll(stream.put(entries("second", 400, 40)));
        try (SourceJob second = job.restoreFrom(savepoint).start()) {
            List<ReadRecord> read = second.awaitRecords(put.size(), TIMEOUT);

            // Then both jobs together delivered every record exactly once
            assertThat(readByFirstJob).isGreaterThanOrEqualTo(200);
            assertThat(read.size()).isGreaterThan(readByFirstJob);
            assertExactlyOnce(read, put);
        }
    }
}
