package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.proxy.ShardInfo;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The enumerator's bookkeeping of shards, free of Flink and AWS: which shards are known and not
 * finished, which of those a reader holds, which were read to their end, and which may be handed
 * out now.
 *
 * <p>Rules: a listed shard is added once (never again once known or finished, whatever the server
 * returns); shards of the first listing start at the initial position, later ones at TRIM_HORIZON;
 * a split is assignable only when none of its parents is still known, i.e. every parent finished or
 * is gone (expired past retention), so parents finish before their children start and each
 * partition key keeps its order across SplitShard, MergeShards and UpdateShardCount. Not thread
 * safe: the enumerator calls it from the coordinator thread only.
 */
final class ShardTracker {
    private static final Logger LOG = LoggerFactory.getLogger(ShardTracker.class);

    private final Map<String, KinesisShardSplit> known = new TreeMap<>();
    private final Set<String> assigned = new HashSet<>();
    private final Set<String> finished = new TreeSet<>();
    @Nullable private String lastSeenShardId;

    ShardTracker() {}

    ShardTracker(
            Collection<TrackedSplit> splits,
            Collection<String> finishedShardIds,
            @Nullable String lastSeenShardId) {
        for (TrackedSplit tracked : splits) {
            known.put(tracked.split().shardId(), tracked.split());
            if (tracked.assigned()) {
                assigned.add(tracked.split().shardId());
            }
        }
        finished.addAll(finishedShardIds);
        this.lastSeenShardId = lastSeenShardId;
    }

    /**
     * Rebuilds the tracker from a checkpoint. Splits get the configured stream address (name or
     * ARN) so that the addressing follows the configuration.
     *
     * @throws IllegalStateException if the state belongs to another stream
     */
    static ShardTracker restore(KinesisSourceEnumeratorState state, StreamId stream) {
        List<TrackedSplit> splits = new ArrayList<>(state.splits().size());
        for (TrackedSplit tracked : state.splits()) {
            KinesisShardSplit split = tracked.split();
            if (!split.stream().name().equals(stream.name())) {
                throw new IllegalStateException(
                        "The restored Kinesis source state belongs to stream '"
                                + split.stream()
                                + "' but the source now reads '"
                                + stream
                                + "'. Restore with the original stream, or start the changed"
                                + " source without state (or with a new operator uid).");
            }
            KinesisShardSplit restamped =
                    new KinesisShardSplit(
                            stream,
                            split.shardId(),
                            split.startingPosition(),
                            split.parentShardIds(),
                            split.startingHashKey(),
                            split.endingHashKey(),
                            split.finished());
            splits.add(new TrackedSplit(restamped, tracked.status()));
        }
        return new ShardTracker(splits, state.finishedShardIds(), state.lastSeenShardId());
    }

    /** True once a listing returned at least one shard. */
    boolean initialDiscoveryDone() {
        return lastSeenShardId != null;
    }

    @Nullable
    String lastSeenShardId() {
        return lastSeenShardId;
    }

    /**
     * Adds the listed shards that are new. Before the first non-empty listing they start at {@code
     * initialPosition}, afterwards (children from resharding) at TRIM_HORIZON. After the first
     * listing, an unknown shard whose id is not above the last seen id is ignored: shard ids grow
     * monotonically, so it can only be a finished shard whose id was pruned and that a server
     * listed again.
     *
     * @return the splits added, in shard id order
     */
    List<KinesisShardSplit> addDiscovered(
            StreamId stream, List<ShardInfo> shards, StartingPosition initialPosition) {
        boolean initial = !initialDiscoveryDone();
        StartingPosition position = initial ? initialPosition : StartingPosition.fromStart();
        List<ShardInfo> sorted = new ArrayList<>(shards);
        sorted.sort(Comparator.comparing(ShardInfo::shardId));
        List<KinesisShardSplit> added = new ArrayList<>();
        String maxListed = lastSeenShardId;
        for (ShardInfo shard : sorted) {
            String id = shard.shardId();
            if (maxListed == null || id.compareTo(maxListed) > 0) {
                maxListed = id;
            }
            if (known.containsKey(id) || finished.contains(id)) {
                continue;
            }
            if (!initial && id.compareTo(lastSeenShardId) <= 0) {
                LOG.warn(
                        "Ignoring shard {} of stream {}: it is not above the last seen shard {}"
                                + " and not tracked, so it was read before and forgotten.",
                        id,
                        stream,
                        lastSeenShardId);
                continue;
            }
            KinesisShardSplit split =
                    new KinesisShardSplit(
                            stream,
                            id,
                            position,
                            shard.parentShardIds(),
                            shard.startingHashKey(),
                            shard.endingHashKey(),
                            false);
            known.put(id, split);
            added.add(split);
        }
        lastSeenShardId = maxListed;
        return added;
    }

    /**
     * Forgets finished ids that a complete (unfiltered) listing no longer returns: those shards
     * expired past retention and cannot be listed again. Never call it with a filtered listing.
     *
     * @return how many ids were forgotten
     */
    int pruneFinished(Collection<String> completeListing) {
        Set<String> listed = new HashSet<>(completeListing);
        int before = finished.size();
        finished.removeIf(id -> !listed.contains(id));
        return before - finished.size();
    }

    /** Unassigned splits none of whose parents is still known, in shard id order. */
    List<KinesisShardSplit> assignableSplits() {
        List<KinesisShardSplit> result = new ArrayList<>();
        for (KinesisShardSplit split : known.values()) {
            if (!assigned.contains(split.shardId()) && parentsDone(split)) {
                result.add(split);
            }
        }
        return result;
    }

    private boolean parentsDone(KinesisShardSplit split) {
        for (String parent : split.parentShardIds()) {
            if (known.containsKey(parent)) {
                return false;
            }
        }
        return true;
    }

    void markAssigned(String shardId) {
        if (!known.containsKey(shardId)) {
            throw new IllegalStateException("Cannot assign unknown or finished shard " + shardId);
        }
        assigned.add(shardId);
    }

    /**
     * Records that a reader read the shard to its end. Idempotent: a restored reader may report a
     * shard again.
     *
     * @return true if the shard was known and not finished before
     */
    boolean markFinished(String shardId) {
        assigned.remove(shardId);
        boolean wasKnown = known.remove(shardId) != null;
        finished.add(shardId);
        return wasKnown;
    }

    /**
     * Takes back splits from a failed reader as unassigned, with the positions they carry. A split
     * that was reported finished after the reader's last checkpoint is not finished any more: the
     * reader lost that progress.
     */
    void returnSplits(Collection<KinesisShardSplit> splits) {
        for (KinesisShardSplit split : splits) {
            finished.remove(split.shardId());
            assigned.remove(split.shardId());
            known.put(split.shardId(), split);
        }
    }

    /** Every known shard that is not finished, in shard id order. */
    Collection<KinesisShardSplit> unfinishedSplits() {
        return Collections.unmodifiableCollection(known.values());
    }

    boolean isAssigned(String shardId) {
        return assigned.contains(shardId);
    }

    Set<String> finishedShardIds() {
        return Collections.unmodifiableSet(finished);
    }

    /** The state to checkpoint, with the enumerator's resolved initial position. */
    KinesisSourceEnumeratorState snapshot(StartingPosition initialPosition) {
        List<TrackedSplit> splits = new ArrayList<>(known.size());
        for (KinesisShardSplit split : known.values()) {
            splits.add(
                    new TrackedSplit(
                            split,
                            assigned.contains(split.shardId())
                                    ? TrackedSplit.Status.ASSIGNED
                                    : TrackedSplit.Status.UNASSIGNED));
        }
        return new KinesisSourceEnumeratorState(splits, finished, lastSeenShardId, initialPosition);
    }
}
