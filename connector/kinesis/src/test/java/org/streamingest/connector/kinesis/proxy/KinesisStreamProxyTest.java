package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.IamRole;
import org.streamingest.connector.kinesis.aws.KinesisEndpoint;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsRequest;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streamingest.connector.kinesis.proxy.StreamProxyContractBase.data;

/** GetRecords iterator decisions, addressing and paging, on a hand-written SDK client. */
class KinesisStreamProxyTest {
    private static final StreamId NAME = StreamId.of("orders");
    private static final StreamId ARN =
            StreamId.of("arn:aws:kinesis:us-east-1:123456789012:stream/orders");
    private static final String SHARD = "shardId-000000000000";

    private final FakeKinesisClient client = new FakeKinesisClient(5, true);
    private final List<String> arnsAsked = new java.util.ArrayList<>();
    private final KinesisStreamProxy proxy =
            new KinesisStreamProxy(
                    arn -> {
                        arnsAsked.add(arn);
                        return client;
                    },
                    arn ->
                            new KinesisEndpoint(
                                    "us-east-1", "http://fake", 3, IamRole.defaultChain()),
                    () -> {},
                    null);

    private RecordBatch read(StreamId stream, StartingPosition p, int max) {
        return proxy.getRecords(stream, SHARD, p, max);
    }

    @Test
    void aContinuingPositionReusesTheIteratorAndAnotherTakesAFreshOne() {
        RecordBatch first = read(NAME, StartingPosition.fromStart(), 2);
        assertThat(data(first)).containsExactly("r1", "r2");
        RecordBatch second = read(NAME, StartingPosition.afterSequenceNumber("2"), 2);
        assertThat(data(second)).containsExactly("r3", "r4");
        assertThat(client.calls(GetShardIteratorRequest.class)).isEqualTo(1);

        // a seek back is not what the cached iterator continues
        assertThat(data(read(NAME, StartingPosition.atSequenceNumber("2"), 1)))
                .containsExactly("r2");
        assertThat(client.calls(GetShardIteratorRequest.class)).isEqualTo(2);
        assertThat(second.millisBehindLatest()).isEqualTo(1);
    }

    @Test
    void anEmptyBatchKeepsThePositionSoTheIteratorIsReused() {
        FakeKinesisClient open = client;
        open.closed = false;
        read(NAME, StartingPosition.afterSequenceNumber("5"), 10);
        RecordBatch empty = read(NAME, StartingPosition.afterSequenceNumber("5"), 10);
        assertThat(empty.records()).isEmpty();
        assertThat(empty.shardEnded()).isFalse();
        assertThat(client.calls(GetShardIteratorRequest.class)).isEqualTo(1);
        assertThat(client.calls(GetRecordsRequest.class)).isEqualTo(2);
    }

    @Test
    void aNullNextIteratorEndsTheShardAfterItsRecords() {
        assertThat(read(NAME, StartingPosition.fromStart(), 10).shardEnded()).isFalse();
        RecordBatch end = read(NAME, StartingPosition.afterSequenceNumber("5"), 10);
        assertThat(end.shardEnded()).isTrue();
        assertThat(end.records()).isEmpty();
    }

    @Test
    void anExpiredIteratorIsReacquiredFromTheRequestedPositionOnce() {
        read(NAME, StartingPosition.fromStart(), 2);
        client.expireNext(1);
        RecordBatch batch = read(NAME, StartingPosition.afterSequenceNumber("2"), 2);
        assertThat(data(batch)).containsExactly("r3", "r4");
        List<GetShardIteratorRequest> iterators =
                client.requests.stream()
                        .filter(GetShardIteratorRequest.class::isInstance)
                        .map(GetShardIteratorRequest.class::cast)
                        .toList();
        assertThat(iterators).hasSize(2);
        assertThat(iterators.get(1).shardIteratorTypeAsString()).isEqualTo("AFTER_SEQUENCE_NUMBER");
        assertThat(iterators.get(1).startingSequenceNumber()).isEqualTo("2");
    }

    @Test
    void anIteratorExpiredTwiceInARowFailsWithTheShardNamed() {
        read(NAME, StartingPosition.fromStart(), 2);
        client.expireNext(2);
        assertThatThrownBy(() -> read(NAME, StartingPosition.afterSequenceNumber("2"), 2))
                .isInstanceOf(KinesisConnectorException.class)
                .hasMessageContaining(
                        "GetRecords on shard '" + SHARD + "' of Kinesis stream 'orders'")
                .hasMessageContaining("ExpiredIteratorException");
        // the failed iterator is not reused
        assertThat(data(read(NAME, StartingPosition.afterSequenceNumber("2"), 2)))
                .containsExactly("r3", "r4");
    }

    @Test
    void streamsAreAddressedByNameOrByArn() {
        read(NAME, StartingPosition.fromStart(), 1);
        read(ARN, StartingPosition.fromStart(), 1);
        List<Object> r = client.requests;
        GetShardIteratorRequest byName = (GetShardIteratorRequest) r.get(0);
        assertThat(byName.streamName()).isEqualTo("orders");
        assertThat(byName.streamARN()).isNull();
        assertThat(((GetRecordsRequest) r.get(1)).streamARN()).isNull();
        GetShardIteratorRequest byArn = (GetShardIteratorRequest) r.get(2);
        assertThat(byArn.streamARN()).isEqualTo(ARN.arn());
        assertThat(byArn.streamName()).isNull();
        assertThat(((GetRecordsRequest) r.get(3)).streamARN()).isEqualTo(ARN.arn());
        // the client is chosen by the ARN's region when there is one
        assertThat(arnsAsked).contains(null, ARN.arn());
    }

    @Test
    void limitIsClampedToWhatKinesisAccepts() {
        read(NAME, StartingPosition.fromStart(), 50_000);
        read(NAME, StartingPosition.fromStart(), 0);
        assertThat(client.requests)
                .filteredOn(GetRecordsRequest.class::isInstance)
                .extracting(o -> ((GetRecordsRequest) o).limit())
                .containsExactly(10_000, 1);
    }

    @Test
    void listStreamsFollowsBothPagingStylesAndStopsWithoutProgress() {
        client.streamPages.add(page(List.of("a", "b"), true, "t1"));
        client.streamPages.add(page(List.of("c"), true, null));
        client.streamPages.add(page(List.of("d"), false, null));
        assertThat(proxy.listStreams()).containsExactly("a", "b", "c", "d");
        List<ListStreamsRequest> requests =
                client.requests.stream().map(ListStreamsRequest.class::cast).toList();
        assertThat(requests.get(1).nextToken()).isEqualTo("t1");
        assertThat(requests.get(2).exclusiveStartStreamName()).isEqualTo("c");

        // a server that ignores paging and repeats itself does not loop forever
        client.requests.clear();
        client.streamPages.add(page(List.of("a"), true, null));
        client.streamPages.add(page(List.of("a"), true, null));
        assertThat(proxy.listStreams()).containsExactly("a");
        assertThat(client.requests).hasSize(2);
    }

    @Test
    void listShardsSendsOnlyTheTokenOnLaterPagesAndMapsShards() {
        client.shardPages.add(
                ListShardsResponse.builder()
                        .shards(shard("0001", null, false))
                        .nextToken("n1")
                        .build());
        client.shardPages.add(
                ListShardsResponse.builder().shards(shard("0002", "0001", true)).build());
        List<ShardInfo> shards = proxy.listShards(ARN, "shardId-0000");
        assertThat(shards)
                .extracting(ShardInfo::shardId)
                .containsExactly("shardId-0001", "shardId-0002");
        assertThat(shards.get(1).parentShardIds()).containsExactly("shardId-0001");
        assertThat(shards.get(1).closed()).isTrue();
        ListShardsRequest first = (ListShardsRequest) client.requests.get(0);
        assertThat(first.streamARN()).isEqualTo(ARN.arn());
        assertThat(first.exclusiveStartShardId()).isEqualTo("shardId-0000");
        ListShardsRequest second = (ListShardsRequest) client.requests.get(1);
        assertThat(second.nextToken()).isEqualTo("n1");
        assertThat(second.streamARN()).isNull();
        assertThat(second.exclusiveStartShardId()).isNull();
    }

    private static ListStreamsResponse page(List<String> names, boolean more, String token) {
        return ListStreamsResponse.builder()
                .streamNames(names)
                .hasMoreStreams(more)
                .nextToken(token)
                .build();
    }

    private static Shard shard(String id, String parent, boolean closed) {
        return Shard.builder()
                .shardId("shardId-" + id)
                .parentShardId(parent == null ? null : "shardId-" + parent)
                .hashKeyRange(
                        HashKeyRange.builder().startingHashKey("0").endingHashKey("9").build())
                .sequenceNumberRange(
                        SequenceNumberRange.builder()
                                .startingSequenceNumber("1")
                                .endingSequenceNumber(closed ? "99" : null)
                                .build())
                .build();
    }
}
