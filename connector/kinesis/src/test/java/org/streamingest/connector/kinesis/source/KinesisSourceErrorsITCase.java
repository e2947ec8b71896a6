package org.streamingest.connector.kinesis.source;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.KinesisUnreachableException;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.RecordEntry;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.kinesis.testing.TestStreams;

import org.apache.flink.configuration.MemorySize;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamingest.connector.kinesis.source.ReadAssertions.assertExactlyOnce;
import static org.streamingest.connector.kinesis.source.TestData.concat;
import static org.streamingest.connector.kinesis.source.TestData.entries;

/** Mistakes users make fail the job with a message that says what is wrong and what to do. */
@Timeout(180)
class KinesisSourceErrorsITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = SourceTestCluster.create();
    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void unknownStreamFailsNamingItAndThatNamesAreCaseSensitive() throws Exception {
        // Given a stream whose name has upper-case letters
        TestStream stream = KINESIS.streams().create("CaseSensitive", 1);
        String wrongCase = stream.name().toLowerCase();

        // When a job reads it by its lower-case name
        try (SourceJob job = SourceJob.reading(wrongCase, KINESIS.endpoint()).start()) {
            Throwable failure = job.awaitFailure(TIMEOUT);

            // Then it fails saying that stream does not exist and names are case sensitive
            assertThat(ExceptionUtils.findThrowable(failure, StreamNotFoundException.class))
                    .get()
                    .extracting(Throwable::getMessage)
                    .asString()
                    .contains("'" + wrongCase + "' does not exist")
                    .contains("stream names are case sensitive")
                    .contains(KINESIS.endpoint().toString());
        }
    }

    @Test
    void unreachableEndpointFailsAfterBoundedRetriesNamingTheEndpoint() throws Exception {
        // Given an endpoint where nothing listens, and two attempts per call
        URI nowhere = URI.create("http://127.0.0.1:" + freePort());

        // When a job reads from it
        long start = System.nanoTime();
        try (SourceJob job =
                SourceJob.reading("orders", nowhere)
                        .option(AwsOptions.RETRY_MAX_ATTEMPTS, 2)
                        .option(AwsOptions.RETRY_MIN_DELAY, Duration.ofMillis(10))
                        .option(AwsOptions.RETRY_MAX_DELAY, Duration.ofMillis(50))
                        .start()) {
            Throwable failure = job.awaitFailure(TIMEOUT);

            // Then it fails soon, naming the endpoint, the attempts and the options to check
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
            assertThat(ExceptionUtils.findThrowable(failure, KinesisUnreachableException.class))
                    .get()
                    .extracting(Throwable::getMessage)
                    .asString()
                    .contains("Cannot reach Kinesis at " + nowhere + " after 2 attempts")
                    .contains(AwsOptions.ENDPOINT.key())
                    .contains("'orders'");
        }
    }

    @Test
    void oversizedRecordStopsTheJobAfterEveryRecordBeforeItAndResumesThereWhenAllowed(
            @TempDir Path checkpoints) throws Exception {
        // Given a one-shard stream whose first 30 records a checkpointing job has committed
        TestStream stream = KINESIS.streams().create("oversized", 1);
        List<TestRecord> before = stream.put(entries("small", 30, 3));
        String output = TestStreams.uniqueName("oversized");
        SourceJobBuilder builder =
                SourceJob.reading(stream.name(), KINESIS.endpoint())
                        .parallelism(1)
                        .checkpointEvery(Duration.ofMillis(250))
                        .retainCheckpointsIn(checkpoints)
                        .committedOutput(output)
                        .option(KinesisSourceOptions.RECORD_MAX_SIZE, MemorySize.parse("100 b"));
        List<TestRecord> rest;
        try (SourceJob job = builder.start()) {
            job.awaitRecords(before.size(), TIMEOUT);

            // When a record larger than scan.record.max-size arrives, and more after it
            rest =
                    stream.put(
                            concat(
                                    List.of(RecordEntry.utf8("key-0", "x".repeat(101))),
                                    entries("late", 5, 3)));
            Throwable failure = job.awaitFailure(TIMEOUT);

            // Then the job fails naming stream, shard, sequence number and the option
            TestRecord oversized = rest.get(0);
            assertThat(ExceptionUtils.findThrowable(failure, KinesisConnectorException.class))
                    .get()
                    .extracting(Throwable::getMessage)
                    .asString()
                    .contains("Record " + oversized.sequenceNumber())
                    .contains("shard " + oversized.shardId())
                    .contains("stream '" + stream.name() + "'")
                    .contains("payload of 101 bytes")
                    .contains("Raise '" + KinesisSourceOptions.RECORD_MAX_SIZE.key() + "'");

            // and exactly the records before it were emitted and stay committed
            JobOutput.Committed committed = new JobOutput.Committed(output);
            assertExactlyOnce(committed.written(), before);
            assertExactlyOnce(committed.records(), before);
        }

        // When the job restarts from its last checkpoint with a limit that allows the record
        String checkpoint = latestCheckpoint(checkpoints);
        try (SourceJob resumed =
                builder.restoreFrom(checkpoint)
                        .option(KinesisSourceOptions.RECORD_MAX_SIZE, MemorySize.parse("1 kb"))
                        .start()) {
            List<TestRecord> all = concat(before, rest);
            List<ReadRecord> read = resumed.awaitRecords(all.size(), TIMEOUT);

            // Then it resumes at that very record: nothing lost, nothing twice
            assertExactlyOnce(read, all);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The newest {@code chk-<n>} directory with metadata under {@code dir}. */
    private static String latestCheckpoint(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .max(
                            Comparator.comparingLong(
                                    p -> Long.parseLong(p.getFileName().toString().substring(4))))
                    .map(p -> p.toUri().toString())
                    .orElseThrow(
                            () ->
                                    new UncheckedIOException(
                                            new IOException(
                                                    "No retained checkpoint under " + dir)));
        }
    }
}
