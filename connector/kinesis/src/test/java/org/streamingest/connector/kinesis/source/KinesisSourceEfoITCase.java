package org.streamingest.connector.kinesis.source;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions.ReaderType;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.kinesis.testing.TestStreams;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Consumer;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamingest.connector.kinesis.source.ReadAssertions.assertExactlyOnce;
import static org.streamingest.connector.kinesis.source.ReadAssertions.assertPerKeyOrder;
import static org.streamingest.connector.kinesis.source.TestData.concat;
import static org.streamingest.connector.kinesis.source.TestData.entries;

/**
 * Enhanced fan-out on kinesis-mock: SubscribeToShard over HTTP/2 in cleartext (h2c) on the plain
 * http:// endpoint, with a consumer the job registers and deregisters itself (JOB_MANAGED).
 */
@Timeout(180)
class KinesisSourceEfoITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = SourceTestCluster.create();
    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void readsEveryRecordOnceThroughEnhancedFanOutOverH2c() throws Exception {
        // Given a 4-shard stream with records
        TestStream stream = KINESIS.streams().create("efo", 4);
        List<TestRecord> before = stream.put(entries("before", 200, 20));
        String consumer = TestStreams.uniqueName("sourceit");

        // When a job reads it through an enhanced fan-out consumer over h2c, and more records
        // arrive while it runs
        try (SourceJob job =
                SourceJob.reading(stream.name(), KINESIS.endpoint())
                        .parallelism(2)
                        .option(KinesisSourceOptions.READER_TYPE, ReaderType.EFO)
                        .option(KinesisSourceOptions.EFO_CONSUMER_NAME, consumer)
                        .option(AwsOptions.HTTP_PROTOCOL, AwsOptions.HttpProtocol.HTTP2)
                        .start()) {
            job.awaitRecords(before.size(), TIMEOUT);
            List<TestRecord> put = concat(before, stream.put(entries("after", 200, 20)));
            List<ReadRecord> read = job.awaitRecords(put.size(), TIMEOUT);

            // Then every record was read once, in per-key order, through the registered consumer
            assertExactlyOnce(read, put);
            assertPerKeyOrder(read, put);
            assertThat(consumers(stream)).extracting(Consumer::consumerName).contains(consumer);
        }

        // and the job deregistered its consumer when it ended
        Poll.until(
                TIMEOUT,
                () -> "consumer " + consumer + " deregistered, have " + consumers(stream),
                () -> consumers(stream).stream().noneMatch(c -> c.consumerName().equals(consumer)));
    }

    private static List<Consumer> consumers(TestStream stream) {
        String arn = stream.arn();
        return KINESIS.client().listStreamConsumers(r -> r.streamARN(arn)).consumers();
    }
}
