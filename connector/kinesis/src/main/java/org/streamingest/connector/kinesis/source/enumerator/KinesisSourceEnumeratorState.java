package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.source.split.StartingPosition;

import javax.annotation.Nullable;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the enumerator checkpoints: every known split that has not finished (with its assignment
 * status), the ids of shards that were read to their end, the largest shard id ever listed, and the
 * initial position resolved when the job first started.
 *
 * <p>The finished ids are explicit because some servers (kinesalite) ignore ListShards filters and
 * list closed shards again; a finished shard must never be added a second time, since it would be
 * read again from TRIM_HORIZON.
 */
public final class KinesisSourceEnumeratorState {
    private final List<TrackedSplit> splits;
    private final Set<String> finishedShardIds;
    @Nullable private final String lastSeenShardId;
    private final StartingPosition initialPosition;

    public KinesisSourceEnumeratorState(
            List<TrackedSplit> splits,
            Set<String> finishedShardIds,
            @Nullable String lastSeenShardId,
            StartingPosition initialPosition) {
        this.splits = List.copyOf(splits);
        this.finishedShardIds = Collections.unmodifiableSet(new TreeSet<>(finishedShardIds));
        this.lastSeenShardId = lastSeenShardId;
        this.initialPosition = Objects.requireNonNull(initialPosition, "initialPosition");
    }

    /** Known splits that have not finished, in shard id order. */
    public List<TrackedSplit> splits() {
        return splits;
    }

    /** Ids of shards read to their end, sorted. */
    public Set<String> finishedShardIds() {
        return finishedShardIds;
    }

    /**
     * The largest shard id any listing returned, or {@code null} before the first listing completed
     * (then the restored enumerator still runs its initial discovery).
     */
    @Nullable
    public String lastSeenShardId() {
        return lastSeenShardId;
    }

    /**
     * Where shards found by the initial discovery start. LATEST is stored already resolved to
     * AT_TIMESTAMP(start of the job), so a restore reads the same records.
     */
    public StartingPosition initialPosition() {
        return initialPosition;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisSourceEnumeratorState)) {
            return false;
        }
        KinesisSourceEnumeratorState s = (KinesisSourceEnumeratorState) o;
        return splits.equals(s.splits)
                && finishedShardIds.equals(s.finishedShardIds)
                && Objects.equals(lastSeenShardId, s.lastSeenShardId)
                && initialPosition.equals(s.initialPosition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(splits, finishedShardIds, lastSeenShardId, initialPosition);
    }

    @Override
    public String toString() {
        return "KinesisSourceEnumeratorState{splits="
                + splits
                + ", finished="
                + finishedShardIds
                + ", lastSeen="
                + lastSeenShardId
                + ", initialPosition="
                + initialPosition
                + "}";
    }
}
