package org.streamingest.kinesis.testing;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.util.Arrays;
import java.util.List;

/**
 * One stream on a local server, addressed by name (kinesalite has no ARN addressing). Every
 * operation waits until the stream is ACTIVE again before it returns.
 */
public final class TestStream {

    private final KinesisClient client;
    private final String name;
    private final StreamWaiter waiter;
    private final Resharder resharder;

    TestStream(KinesisClient client, KinesisServerKind kind, String name) {
        this.client = client;
        this.name = name;
        this.waiter = new StreamWaiter(client, name);
        this.resharder = new Resharder(client, kind, name);
    }

    public String name() {
        return name;
    }

    /** The stream's ARN as the server reports it. */
    public String arn() {
        return client.describeStreamSummary(r -> r.streamName(name))
                .streamDescriptionSummary()
                .streamARN();
    }

    /** Waits until the stream is ACTIVE. */
    public TestStream awaitActive() {
        waiter.awaitActive("", shards -> true);
        return this;
    }

    /** Puts the entries (PutRecords, at most 500 per call); returns what was stored, in order. */
    public List<TestRecord> put(List<RecordEntry> entries) {
        return new RecordPutter(client, name).put(entries);
    }

    /** Puts each UTF-8 payload with the payload itself as partition key. */
    public List<TestRecord> putStrings(List<String> payloads) {
        return put(payloads.stream().map(p -> RecordEntry.utf8(p, p)).toList());
    }

    /** Puts each UTF-8 payload with the payload itself as partition key. */
    public List<TestRecord> putStrings(String... payloads) {
        return putStrings(Arrays.asList(payloads));
    }

    /** Every record currently in the stream, read from TRIM_HORIZON: shards in id order. */
    public List<TestRecord> readAll() {
        return new StreamReader(client, name).readAll(shards());
    }

    /** Every record currently in one shard, from TRIM_HORIZON, in sequence order. */
    public List<TestRecord> readShard(String shardId) {
        return new StreamReader(client, name).readShard(shardId);
    }

    /** All shards, open and closed, in id order. */
    public List<Shard> shards() {
        return waiter.listShards();
    }

    /** The ids of the open shards, in id order. */
    public List<String> openShardIds() {
        return shards().stream().filter(StreamWaiter::isOpen).map(Shard::shardId).toList();
    }

    /** Splits an open shard at the middle of its hash range; returns the children's ids. */
    public List<String> split(String shardId) {
        return resharder.split(shardId);
    }

    /** Merges two adjacent open shards; returns the child's id. */
    public String merge(String shardId, String adjacentShardId) {
        return resharder.merge(shardId, adjacentShardId);
    }

    /**
     * Rescales uniformly to {@code targetShardCount} open shards; returns the open shard ids after.
     *
     * @throws UnsupportedOperationException on kinesalite, which lacks UpdateShardCount
     */
    public List<String> updateShardCount(int targetShardCount) {
        return resharder.updateShardCount(targetShardCount);
    }

    /** Deletes the stream and returns once the server no longer knows it. */
    public void delete() {
        client.deleteStream(r -> r.streamName(name).enforceConsumerDeletion(true));
        new StreamWaiter(client, name).awaitDeleted();
    }

    @Override
    public String toString() {
        return name;
    }
}
