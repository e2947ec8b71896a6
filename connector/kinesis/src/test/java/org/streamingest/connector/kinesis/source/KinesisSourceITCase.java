package org.streamingest.connector.kinesis.source;

import org.streamingest.connector.kinesis.source.KinesisSourceOptions.InitialPosition;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamingest.connector.kinesis.source.ReadAssertions.assertExactlyOnce;
import static org.streamingest.connector.kinesis.source.ReadAssertions.assertPerKeyOrder;
import static org.streamingest.connector.kinesis.source.TestData.concat;
import static org.streamingest.connector.kinesis.source.TestData.entries;

/**
 * {@link KinesisSource} on a MiniCluster against kinesis-mock: reads every record exactly once in
 * per-key order, and starts where the configured initial position says.
 */
@Timeout(180)
class KinesisSourceITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = SourceTestCluster.create();
    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void readsEveryRecordOfAFourShardStreamOnceInPerKeyOrder() throws Exception {
        // Given a 4-shard stream holding 800 records over 40 partition keys
        TestStream stream = KINESIS.streams().create("all-shards", 4);
        List<TestRecord> before = stream.put(entries("before", 800, 40));
        assertThat(before).extracting(TestRecord::shardId).isSubsetOf(stream.openShardIds());
        assertThat(before.stream().map(TestRecord::shardId).distinct()).hasSize(4);

        // When a job with parallelism 2 and the default initial position (TRIM_HORIZON) reads it,
        // and more records arrive while it runs
        try (SourceJob job =
                SourceJob.reading(stream.name(), KINESIS.endpoint()).parallelism(2).start()) {
            job.awaitRecords(before.size(), TIMEOUT);
            List<TestRecord> put = concat(before, stream.put(entries("while-running", 200, 40)));
            List<ReadRecord> read = job.awaitRecords(put.size(), TIMEOUT);

            // Then every record was read once, and each key's records in the order they were put
            assertExactlyOnce(read, put);
            assertPerKeyOrder(read, put);
        }
    }

    @Test
    void latestReadsOnlyRecordsPutAfterTheJobStarted() throws Exception {
        // Given a stream with records put before the job
        TestStream stream = KINESIS.streams().create("latest", 2);
        stream.put(entries("before", 200, 10));

        // When a job starting at LATEST runs (its enumerator fixed "latest" as the time it was
        // created, which is before the job is RUNNING) and more records are put
        try (SourceJob job =
                SourceJob.reading(stream.name(), KINESIS.endpoint())
                        .option(KinesisSourceOptions.INITIAL_POSITION, InitialPosition.LATEST)
                        .start()
                        .awaitRunning(TIMEOUT)) {
            List<TestRecord> after = stream.put(entries("after", 200, 10));
            List<ReadRecord> read = job.awaitRecords(after.size(), TIMEOUT);

            // Then only those are read (older records would have come first in every shard)
            assertExactlyOnce(read, after);
            assertPerKeyOrder(read, after);
        }
    }

    @Test
    void atTimestampSkipsRecordsThatArrivedBefore() throws Exception {
        // Given records put before and after a timestamp
        TestStream stream = KINESIS.streams().create("at-timestamp", 2);
        stream.put(entries("before", 200, 10));
        Instant timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        Poll.until(
                TIMEOUT, "the clock to pass " + timestamp, () -> Instant.now().isAfter(timestamp));
        List<TestRecord> after = stream.put(entries("after", 200, 10));

        // When a job starts AT_TIMESTAMP
        try (SourceJob job =
                SourceJob.reading(stream.name(), KINESIS.endpoint())
                        .option(KinesisSourceOptions.INITIAL_POSITION, InitialPosition.AT_TIMESTAMP)
                        .option(
                                KinesisSourceOptions.INITIAL_TIMESTAMP,
                                Long.toString(timestamp.toEpochMilli()))
                        .start()) {
            List<ReadRecord> read = job.awaitRecords(after.size(), TIMEOUT);

            // Then exactly the records that arrived at or after it are read
            assertExactlyOnce(read, after);
            assertPerKeyOrder(read, after);
        }
    }
}
