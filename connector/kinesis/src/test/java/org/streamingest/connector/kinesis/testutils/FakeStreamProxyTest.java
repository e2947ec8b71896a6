package org.streamingest.connector.kinesis.testutils;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.RecordBatch;
import org.streamingest.connector.kinesis.proxy.ShardInfo;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fake must behave like Kinesis where tests rely on it. */
class FakeStreamProxyTest {
    private static final StreamId ORDERS = StreamId.of("orders");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final FakeStreamProxy proxy =
            new FakeStreamProxy().withClock(clock).createStream("orders", 1);

    @Test
    void readsFromEveryPositionTypeAndEndsAClosedShardAfterItsLastRecord() {
        String first = proxy.putRecord("orders", "a", "1");
        clock.advance(Duration.ofSeconds(1));
        String second = proxy.putRecord("orders", "b", "2");
        String third = proxy.putRecord("orders", "c", "3");
        String shard = "shardId-000000000000";

        assertThat(data(read(shard, StartingPosition.fromStart(), 2))).containsExactly("1", "2");
        assertThat(data(read(shard, StartingPosition.afterSequenceNumber(first), 10)))
                .containsExactly("2", "3");
        assertThat(data(read(shard, StartingPosition.atSequenceNumber(second), 10)))
                .containsExactly("2", "3");
        assertThat(data(read(shard, StartingPosition.atTimestamp(clock.instant()), 10)))
                .containsExactly("2", "3");
        assertThat(read(shard, StartingPosition.afterSequenceNumber(third), 10).shardEnded())
                .isFalse();

        proxy.splitShard("orders", shard);

        assertThat(read(shard, StartingPosition.fromStart(), 2).shardEnded()).isFalse();
        assertThat(read(shard, StartingPosition.afterSequenceNumber(first), 2).shardEnded())
                .isTrue();
    }

    @Test
    void routesByPartitionKeyHashToTheChildAfterASplit() {
        proxy.putRecord("orders", "customer-7", "before");
        List<String> children = proxy.splitShard("orders", "shardId-000000000000");
        proxy.putRecord("orders", "customer-7", "after");

        long childrenWithRecord =
                children.stream()
                        .filter(c -> !read(c, StartingPosition.fromStart(), 10).records().isEmpty())
                        .count();
        assertThat(childrenWithRecord).isEqualTo(1);
        assertThatThrownBy(
                        () -> proxy.putRecordToShard("orders", "shardId-000000000000", "k", "late"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listShardsHonoursTheStartShardUnlessEmulatingKinesalite() {
        proxy.splitShard("orders", "shardId-000000000000");

        assertThat(ids(proxy.listShards(ORDERS, "shardId-000000000001")))
                .containsExactly("shardId-000000000002");

        proxy.ignoreListShardsFilter(true);
        assertThat(ids(proxy.listShards(ORDERS, "shardId-000000000001")))
                .containsExactly(
                        "shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
    }

    @Test
    void expiredShardsAreNeitherListedNorReadable() {
        proxy.splitShard("orders", "shardId-000000000000");
        proxy.expireShard("orders", "shardId-000000000000");

        assertThat(ids(proxy.listShards(ORDERS, null)))
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThatThrownBy(() -> read("shardId-000000000000", StartingPosition.fromStart(), 1))
                .isInstanceOf(StreamNotFoundException.class);
    }

    @Test
    void unknownStreamThrowsStreamNotFound() {
        assertThatThrownBy(() -> proxy.listShards(StreamId.of("nope"), null))
                .isInstanceOf(StreamNotFoundException.class)
                .hasMessageContaining("'nope' does not exist");
    }

    private RecordBatch read(String shardId, StartingPosition position, int max) {
        return proxy.getRecords(ORDERS, shardId, position, max);
    }

    private static List<String> data(RecordBatch batch) {
        return batch.records().stream()
                .map(KinesisRecord::data)
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .collect(Collectors.toList());
    }

    private static List<String> ids(List<ShardInfo> shards) {
        return shards.stream().map(ShardInfo::shardId).collect(Collectors.toList());
    }
}
