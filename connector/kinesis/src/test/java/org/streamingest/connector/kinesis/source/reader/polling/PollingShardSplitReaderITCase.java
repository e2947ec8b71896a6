package org.streamingest.connector.kinesis.source.reader.polling;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.aws.AwsProxyFactory;
import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.kinesis.testing.KinesaliteExtension;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.KinesisServerExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The polling reader over the real SDK proxy against both npm servers: a shard closed by a split is
 * read to its end exactly once, whichever way the server reports the end; an unknown shard is
 * finished rather than failing the job.
 */
@Timeout(180)
class PollingShardSplitReaderITCase {

    @RegisterExtension static final KinesaliteExtension KINESALITE = new KinesaliteExtension();
    @RegisterExtension static final KinesisMockExtension KINESIS_MOCK = new KinesisMockExtension();

    @Test
    void kinesaliteReportsTheEndOnAnEmptyPageAfterTheLastRecords() {
        TestStream stream = KINESALITE.streams().create("closed", 1);
        Reading reading = readClosedParent(KINESALITE, stream, StreamId.of(stream.name()));

        assertThat(reading.payloads).containsExactlyElementsOf(reading.expected);
        assertThat(reading.recordsWithTheEnd).isZero();
    }

    @Test
    void kinesisMockReportsTheEndWithTheLastRecords() {
        TestStream stream = KINESIS_MOCK.streams().create("closed", 1);
        Reading reading = readClosedParent(KINESIS_MOCK, stream, StreamId.of(stream.arn()));

        assertThat(reading.payloads).containsExactlyElementsOf(reading.expected);
        assertThat(reading.recordsWithTheEnd).isPositive();
    }

    @Test
    void unknownShardIsFinishedWithoutRecords() {
        TestStream stream = KINESIS_MOCK.streams().create("unknown-shard", 1);
        try (PollingShardSplitReader reader = reader(KINESIS_MOCK, 10)) {
            reader.handleSplitsChanges(
                    new SplitsAddition<>(
                            List.of(split(StreamId.of(stream.arn()), "shardId-000000000042"))));

            RecordsWithSplitIds<KinesisRecord> fetched = reader.fetch();

            assertThat(fetched.nextSplit()).isNull();
            assertThat(fetched.finishedSplits()).containsExactly("shardId-000000000042");
        }
    }

    /** Puts 30 records into the only shard, splits it, and reads the closed parent to its end. */
    private static Reading readClosedParent(
            KinesisServerExtension server, TestStream stream, StreamId streamId) {
        List<TestRecord> put =
                stream.putStrings(
                        IntStream.range(0, 30)
                                .mapToObj(i -> "r-" + i)
                                .collect(Collectors.toList()));
        String parent = put.get(0).shardId();
        stream.split(parent);

        Reading reading = new Reading();
        reading.expected = put.stream().map(TestRecord::dataAsString).collect(Collectors.toList());
        try (PollingShardSplitReader reader = reader(server, 7)) {
            reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(streamId, parent))));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            boolean finished = false;
            while (!finished && System.nanoTime() < deadline) {
                RecordsWithSplitIds<KinesisRecord> fetched = reader.fetch();
                List<String> batch = new ArrayList<>();
                while (fetched.nextSplit() != null) {
                    for (KinesisRecord r = fetched.nextRecordFromSplit();
                            r != null;
                            r = fetched.nextRecordFromSplit()) {
                        batch.add(new String(r.data(), StandardCharsets.UTF_8));
                    }
                }
                reading.payloads.addAll(batch);
                finished = fetched.finishedSplits().contains(parent);
                if (finished) {
                    reading.recordsWithTheEnd = batch.size();
                }
            }
            assertThat(finished).as("shard %s finished within 60 s", parent).isTrue();
        }
        return reading;
    }

    private static PollingShardSplitReader reader(KinesisServerExtension server, int maxRecords) {
        Configuration config = new Configuration();
        config.set(AwsOptions.ENDPOINT, server.endpoint().toString());
        config.set(AwsOptions.REGION, server.region().id());
        config.set(AwsOptions.CBOR_ENABLED, false);
        config.set(KinesisSourceOptions.GET_RECORDS_MAX, maxRecords);
        config.set(KinesisSourceOptions.IDLE_SHARD_INTERVAL, Duration.ofMillis(50));
        return new PollingShardSplitReader(
                new AwsProxyFactory(config).createStreamProxy(), config, (shard, millis) -> {});
    }

    private static KinesisShardSplit split(StreamId stream, String shardId) {
        return new KinesisShardSplit(
                stream,
                shardId,
                StartingPosition.fromStart(),
                List.of(),
                BigInteger.ZERO,
                BigInteger.ONE,
                false);
    }

    /** What one read of a shard saw. */
    private static final class Reading {
        final List<String> payloads = new ArrayList<>();
        List<String> expected;
        int recordsWithTheEnd = -1;
    }
}
