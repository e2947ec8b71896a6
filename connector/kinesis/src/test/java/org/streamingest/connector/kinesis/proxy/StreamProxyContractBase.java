package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.aws.AwsProxyFactory;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

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
 * What {@link KinesisStreamProxy} must do against every local server, addressed the way that server
 * supports. Subclasses start the server and say how streams are addressed.
 */
@Timeout(120)
abstract class StreamProxyContractBase {

    /** Endpoint of the server under test. */
    abstract String endpoint();

    abstract KinesisTestStreams streams();

    /** How the proxy addresses a stream (name, or the ARN the server returned). */
    abstract StreamId address(String name, String arn);

    Configuration config(String endpoint) {
        Configuration c = new Configuration();
        c.set(AwsOptions.ENDPOINT, endpoint);
        c.set(AwsOptions.RETRY_MAX_ATTEMPTS, 3);
        c.set(AwsOptions.RETRY_MIN_DELAY, Duration.ofMillis(20));
        c.set(AwsOptions.RETRY_MAX_DELAY, Duration.ofMillis(200));
        return c;
    }

    StreamProxy proxy() {
        return new AwsProxyFactory(config(endpoint())).createStreamProxy();
    }

    @Test
    void describesListsAndReadsEveryRecordInOrder() throws Exception {
        // Given a 2-shard stream with ten records in shard 0
        String name = KinesisTestStreams.uniqueName("read");
        StreamId stream = address(name, streams().create(name, 2));
        List<String> values = values("r", 10);
        streams().put(name, values, "0");

        try (StreamProxy proxy = proxy()) {
            // Then the control plane describes it
            StreamDescription d = proxy.describeStream(stream);
            assertThat(d.name()).isEqualTo(name);
            assertThat(d.status()).isEqualTo("ACTIVE");
            assertThat(d.openShardCount()).isEqualTo(2);
            assertThat(proxy.listStreams()).contains(name);
            assertThat(proxy.listShards(stream, null))
                    .extracting(ShardInfo::shardId, ShardInfo::closed)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("shardId-000000000000", false),
                            org.assertj.core.groups.Tuple.tuple("shardId-000000000001", false));

            // And three records per call read all ten, in order, then nothing
            List<String> read =
                    readUntilEmpty(
                            proxy, stream, "shardId-000000000000", StartingPosition.fromStart());
            assertThat(read).containsExactlyElementsOf(values);
            assertThat(
                            readUntilEmpty(
                                    proxy,
                                    stream,
                                    "shardId-000000000001",
                                    StartingPosition.fromStart()))
                    .isEmpty();
        }
    }

    @Test
    void readsThroughTheEndOfASplitShard() throws Exception {
        // Given records before a split in the parent and after it in a child
        String name = KinesisTestStreams.uniqueName("split");
        StreamId stream = address(name, streams().create(name, 1));
        List<String> before = values("before", 5);
        streams().put(name, before, "0");
        streams().split(name, "shardId-000000000000");
        List<String> after = values("after", 3);
        List<String> childShards = streams().put(name, after, "0");

        try (StreamProxy proxy = proxy()) {
            // When the parent is read two records at a time
            List<String> read = new ArrayList<>();
            StartingPosition position = StartingPosition.fromStart();
            RecordBatch batch;
            int calls = 0;
            do {
                batch = proxy.getRecords(stream, "shardId-000000000000", position, 2);
                read.addAll(data(batch));
                position = ShardIteratorCache.positionAfter(position, batch.records());
                assertThat(++calls).as("calls until the shard ends").isLessThan(20);
            } while (!batch.shardEnded());

            // Then it ends after exactly its own records
            assertThat(read).containsExactlyElementsOf(before);
            List<ShardInfo> shards = proxy.listShards(stream, null);
            assertThat(shards.get(0).closed()).isTrue();
            assertThat(shards)
                    .filteredOn(s -> s.parentShardIds().contains("shardId-000000000000"))
                    .hasSize(2);
            // And the child that took hash key 0 holds the later records
            assertThat(
                            readUntilEmpty(
                                    proxy,
                                    stream,
                                    childShards.get(0),
                                    StartingPosition.fromStart()))
                    .containsExactlyElementsOf(after);
            assertThat(proxy.listShards(stream, "shardId-000000000000"))
                    .extracting(ShardInfo::shardId)
                    .containsExactly("shardId-000000000001", "shardId-000000000002");
        }
    }

    @Test
    void startsAtEveryKindOfPosition() throws Exception {
        String name = KinesisTestStreams.uniqueName("pos");
        StreamId stream = address(name, streams().create(name, 1));
        streams().put(name, values("a", 4), "0");
        try (StreamProxy proxy = proxy()) {
            List<KinesisRecord> all =
                    proxy.getRecords(
                                    stream,
                                    "shardId-000000000000",
                                    StartingPosition.fromStart(),
                                    100)
                            .records();
            assertThat(all).hasSize(4);
            String seq1 = all.get(1).sequenceNumber();
            assertThat(read(proxy, stream, StartingPosition.atSequenceNumber(seq1)))
                    .containsExactly("a-1", "a-2", "a-3");
            assertThat(read(proxy, stream, StartingPosition.afterSequenceNumber(seq1)))
                    .containsExactly("a-2", "a-3");
            assertThat(
                            read(
                                    proxy,
                                    stream,
                                    StartingPosition.atTimestamp(
                                            all.get(0).approximateArrivalTimestamp())))
                    .containsExactly("a-0", "a-1", "a-2", "a-3");

            // LATEST sees nothing until a record is put after the iterator was taken
            assertThat(read(proxy, stream, StartingPosition.latest())).isEmpty();
            streams().put(name, List.of("late"), "0");
            assertThat(read(proxy, stream, StartingPosition.latest())).containsExactly("late");
        }
    }

    @Test
    void unknownStreamIsNamedWithWhatToCheck() {
        String name = KinesisTestStreams.uniqueName("Missing");
        StreamId stream = address(name, "arn:aws:kinesis:us-east-1:000000000000:stream/" + name);
        try (StreamProxy proxy = proxy()) {
            assertThatThrownBy(() -> proxy.describeStream(stream))
                    .isInstanceOf(StreamNotFoundException.class)
                    .hasMessageContaining("Kinesis stream '" + stream + "' does not exist")
                    .hasMessageContaining("region us-east-1")
                    .hasMessageContaining("at " + endpoint())
                    .hasMessageContaining("stream names are case sensitive");
            assertThatThrownBy(() -> proxy.listShards(stream, null))
                    .isInstanceOf(StreamNotFoundException.class);
        }
    }

    static List<String> values(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }

    static List<String> data(RecordBatch batch) {
        return batch.records().stream()
                .map(r -> new String(r.data(), StandardCharsets.UTF_8))
                .collect(Collectors.toList());
    }

    /** Reads three records per call from {@code start} until a call returns nothing. */
    static List<String> readUntilEmpty(
            StreamProxy proxy, StreamId stream, String shardId, StartingPosition start) {
        List<String> read = new ArrayList<>();
        StartingPosition position = start;
        for (int calls = 0; calls < 50; calls++) {
            RecordBatch batch = proxy.getRecords(stream, shardId, position, 3);
            if (batch.records().isEmpty() || batch.shardEnded()) {
                read.addAll(data(batch));
                return read;
            }
            read.addAll(data(batch));
            position = ShardIteratorCache.positionAfter(position, batch.records());
        }
        throw new AssertionError("shard did not run dry within 50 calls: " + read);
    }

    private static List<String> read(StreamProxy proxy, StreamId stream, StartingPosition p) {
        return data(proxy.getRecords(stream, "shardId-000000000000", p, 100));
    }
}
