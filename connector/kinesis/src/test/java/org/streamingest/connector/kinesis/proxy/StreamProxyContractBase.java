package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.aws.AwsProxyFactory;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.kinesis.testing.KinesisServerExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link KinesisStreamProxy} must do against every local server, addressing streams the way
 * that server supports. Subclasses provide the server and the addressing.
 */
@Timeout(120)
abstract class StreamProxyContractBase {
    static final String SHARD_0 = "shardId-000000000000";

    abstract KinesisServerExtension server();

    /** How the proxy addresses the stream: its name, or its ARN. */
    abstract StreamId address(TestStream stream);

    Configuration config() {
        return config(server().endpoint().toString());
    }

    static Configuration config(String endpoint) {
        Configuration c = new Configuration();
        c.set(AwsOptions.ENDPOINT, endpoint);
        c.set(AwsOptions.RETRY_MAX_ATTEMPTS, 3);
        c.set(AwsOptions.RETRY_MIN_DELAY, Duration.ofMillis(20));
        c.set(AwsOptions.RETRY_MAX_DELAY, Duration.ofMillis(200));
        return c;
    }

    StreamProxy proxy() {
        return new AwsProxyFactory(config()).createStreamProxy();
    }

    @Test
    void describesListsAndReadsEveryRecordInOrder() {
        // Given a 2-shard stream with twelve records
        TestStream s = server().streams().create("read", 2);
        List<TestRecord> put = s.putStrings(values("r", 12));
        StreamId stream = address(s);

        try (StreamProxy proxy = proxy()) {
            // Then the control plane describes it
            StreamDescription d = proxy.describeStream(stream);
            assertThat(d.name()).isEqualTo(s.name());
            assertThat(d.arn()).isEqualTo(s.arn());
            assertThat(d.status()).isEqualTo("ACTIVE");
            assertThat(d.openShardCount()).isEqualTo(2);
            assertThat(proxy.listStreams()).contains(s.name());
            assertThat(proxy.listShards(stream, null))
                    .extracting(ShardInfo::shardId, ShardInfo::closed, ShardInfo::parentShardIds)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(SHARD_0, false, List.of()),
                            org.assertj.core.groups.Tuple.tuple(
                                    "shardId-000000000001", false, List.of()));

            // And three records per call read each shard exactly, in order, until it runs dry
            for (String shardId : List.of(SHARD_0, "shardId-000000000001")) {
                assertThat(readUntilEmpty(proxy, stream, shardId, StartingPosition.fromStart()))
                        .containsExactlyElementsOf(inShard(put, shardId));
            }
        }
    }

    @Test
    void readsThroughTheEndOfASplitShard() {
        // Given records before a split in the parent and after it in the children
        TestStream s = server().streams().create("split", 1);
        List<TestRecord> before = s.putStrings(values("before", 5));
        List<String> children = s.split(SHARD_0);
        List<TestRecord> after = s.putStrings(values("after", 8));
        StreamId stream = address(s);

        try (StreamProxy proxy = proxy()) {
            // When the parent is read two records at a time until it ends
            List<String> read = new ArrayList<>();
            StartingPosition position = StartingPosition.fromStart();
            RecordBatch batch;
            int calls = 0;
            do {
                batch = proxy.getRecords(stream, SHARD_0, position, 2);
                read.addAll(describe(batch.records()));
                position = ShardIteratorCache.positionAfter(position, batch.records());
                assertThat(++calls).as("calls until the shard ends").isLessThan(20);
            } while (!batch.shardEnded());

            // Then it ended after exactly its own records
            assertThat(read).containsExactlyElementsOf(inShard(before, SHARD_0));
            List<ShardInfo> shards = proxy.listShards(stream, null);
            assertThat(shards.get(0).closed()).isTrue();
            assertThat(proxy.listShards(stream, SHARD_0))
                    .extracting(ShardInfo::shardId, ShardInfo::parentShardIds)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(children.get(0), List.of(SHARD_0)),
                            org.assertj.core.groups.Tuple.tuple(children.get(1), List.of(SHARD_0)));
            // And each child holds exactly the later records routed to it
            for (String child : children) {
                assertThat(readUntilEmpty(proxy, stream, child, StartingPosition.fromStart()))
                        .containsExactlyElementsOf(inShard(after, child));
            }
        }
    }

    @Test
    void startsAtEveryKindOfPosition() {
        TestStream s = server().streams().create("pos", 1);
        List<TestRecord> put = s.putStrings(values("a", 4));
        StreamId stream = address(s);
        try (StreamProxy proxy = proxy()) {
            List<KinesisRecord> all =
                    proxy.getRecords(stream, SHARD_0, StartingPosition.fromStart(), 100).records();
            assertThat(describe(all)).containsExactlyElementsOf(inShard(put, SHARD_0));
            String seq1 = all.get(1).sequenceNumber();
            assertThat(read(proxy, stream, StartingPosition.atSequenceNumber(seq1)))
                    .containsExactly("a-1", "a-2", "a-3");
            assertThat(read(proxy, stream, StartingPosition.afterSequenceNumber(seq1)))
                    .containsExactly("a-2", "a-3");
            StartingPosition atFirst =
                    StartingPosition.atTimestamp(all.get(0).approximateArrivalTimestamp());
            assertThat(read(proxy, stream, atFirst)).containsExactly("a-0", "a-1", "a-2", "a-3");

            // LATEST sees nothing until a record is put after the iterator was taken
            assertThat(read(proxy, stream, StartingPosition.latest())).isEmpty();
            s.putStrings("late");
            assertThat(read(proxy, stream, StartingPosition.latest())).containsExactly("late");
        }
    }

    @Test
    void unknownStreamIsNamedWithWhatToCheck() {
        String name = org.streamingest.kinesis.testing.TestStreams.uniqueName("Missing");
        StreamId stream = address(server().streams().existing(name), server().region().id(), name);
        try (StreamProxy proxy = proxy()) {
            assertThatThrownBy(() -> proxy.describeStream(stream))
                    .isInstanceOf(StreamNotFoundException.class)
                    .hasMessageStartingWith("Kinesis stream '" + stream + "' does not exist")
                    .hasMessageContaining("in region us-east-1 at " + server().endpoint())
                    .hasMessageContaining("stream names are case sensitive");
            assertThatThrownBy(() -> proxy.listShards(stream, null))
                    .isInstanceOf(StreamNotFoundException.class);
            assertThatThrownBy(
                            () ->
                                    proxy.getRecords(
                                            stream, SHARD_0, StartingPosition.fromStart(), 1))
                    .isInstanceOf(StreamNotFoundException.class)
                    .hasMessageStartingWith("Shard '" + SHARD_0 + "' of Kinesis stream");
        }
    }

    /** The address of a stream that does not exist (no ARN lookup possible). */
    StreamId address(TestStream missing, String region, String name) {
        return StreamId.of(name);
    }

    static List<String> values(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }

    static List<String> data(RecordBatch batch) {
        return batch.records().stream()
                .map(r -> new String(r.data(), StandardCharsets.UTF_8))
                .collect(Collectors.toList());
    }

    /** "partition key / sequence number / data" of each record, to compare exactly. */
    static List<String> describe(List<KinesisRecord> records) {
        return records.stream()
                .map(
                        r ->
                                r.partitionKey()
                                        + "/"
                                        + r.sequenceNumber()
                                        + "/"
                                        + new String(r.data(), StandardCharsets.UTF_8))
                .collect(Collectors.toList());
    }

    static List<String> inShard(List<TestRecord> put, String shardId) {
        return put.stream()
                .filter(r -> r.shardId().equals(shardId))
                .map(r -> r.partitionKey() + "/" + r.sequenceNumber() + "/" + r.dataAsString())
                .collect(Collectors.toList());
    }

    /** Reads three records per call from {@code start} until a call returns nothing. */
    static List<String> readUntilEmpty(
            StreamProxy proxy, StreamId stream, String shardId, StartingPosition start) {
        List<String> read = new ArrayList<>();
        StartingPosition position = start;
        for (int calls = 0; calls < 50; calls++) {
            RecordBatch batch = proxy.getRecords(stream, shardId, position, 3);
            read.addAll(describe(batch.records()));
            if (batch.records().isEmpty() || batch.shardEnded()) {
                return read;
            }
            position = ShardIteratorCache.positionAfter(position, batch.records());
        }
        throw new AssertionError("shard did not run dry within 50 calls: " + read);
    }

    private static List<String> read(StreamProxy proxy, StreamId stream, StartingPosition p) {
        return data(proxy.getRecords(stream, SHARD_0, p, 100));
    }
}
