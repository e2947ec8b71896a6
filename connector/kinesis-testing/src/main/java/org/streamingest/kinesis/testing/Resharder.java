package org.streamingest.kinesis.testing;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Split, merge and UpdateShardCount, each waiting until the stream is ACTIVE again. */
final class Resharder {

    private final KinesisClient client;
    private final KinesisServerKind kind;
    private final String streamName;
    private final StreamWaiter waiter;

    Resharder(KinesisClient client, KinesisServerKind kind, String streamName) {
        this.client = client;
        this.kind = kind;
        this.streamName = streamName;
        this.waiter = new StreamWaiter(client, streamName);
    }

    /** Splits an open shard at the middle of its hash range; returns the two children's ids. */
    List<String> split(String shardId) {
        List<Shard> before = waiter.listShards();
        Shard parent =
                before.stream()
                        .filter(s -> s.shardId().equals(shardId) && StreamWaiter.isOpen(s))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "Stream "
                                                        + streamName
                                                        + " has no open shard "
                                                        + shardId
                                                        + "; open shards: "
                                                        + openIds(before)));
        BigInteger start = new BigInteger(parent.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(parent.hashKeyRange().endingHashKey());
        BigInteger middle = start.add(end.subtract(start).add(BigInteger.ONE).shiftRight(1));
        client.splitShard(
                r ->
                        r.streamName(streamName)
                                .shardToSplit(shardId)
                                .newStartingHashKey(middle.toString()));
        return newShardIds(before, "after splitting " + shardId, 2);
    }

    /** Merges two adjacent open shards; returns the child's id. */
    String merge(String shardId, String adjacentShardId) {
        List<Shard> before = waiter.listShards();
        client.mergeShards(
                r ->
                        r.streamName(streamName)
                                .shardToMerge(shardId)
                                .adjacentShardToMerge(adjacentShardId));
        return newShardIds(before, "after merging " + shardId + " and " + adjacentShardId, 1)
                .get(0);
    }

    /**
     * Uniformly rescales to {@code target} open shards (kinesis-mock only); returns the new ids.
     */
    List<String> updateShardCount(int target) {
        if (!kind.supportsUpdateShardCount()) {
            throw new UnsupportedOperationException(
                    kind
                            + " does not implement UpdateShardCount: use KinesisMockExtension for this test.");
        }
        List<Shard> before = waiter.listShards();
        client.updateShardCount(
                r ->
                        r.streamName(streamName)
                                .targetShardCount(target)
                                .scalingType(ScalingType.UNIFORM_SCALING));
        List<Shard> after =
                waiter.awaitActive(
                        "after UpdateShardCount to " + target,
                        shards ->
                                openIds(shards).size() == target
                                        && !newIds(before, shards).isEmpty());
        return openIds(after);
    }

    private List<String> newShardIds(List<Shard> before, String what, int expected) {
        List<Shard> after =
                waiter.awaitActive(what, shards -> newIds(before, shards).size() >= expected);
        return newIds(before, after);
    }

    private static List<String> newIds(List<Shard> before, List<Shard> after) {
        Set<String> known = before.stream().map(Shard::shardId).collect(Collectors.toSet());
        return after.stream()
                .map(Shard::shardId)
                .filter(id -> !known.contains(id))
                .sorted()
                .toList();
    }

    private static List<String> openIds(List<Shard> shards) {
        return shards.stream().filter(StreamWaiter::isOpen).map(Shard::shardId).sorted().toList();
    }
}
