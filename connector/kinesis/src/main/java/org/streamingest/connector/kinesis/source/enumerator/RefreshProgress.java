package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The enumerator's view of a manual refresh that began at {@link #start()}. The source caught up
 * when a shard listing that began at or after the start was applied (so every shard that existed
 * then is known) and every known unfinished shard is done for this refresh:
 *
 * <ul>
 *   <li>its reader reported it caught up, or
 *   <li>it waits for a parent that is itself done but not finished: that parent was seen at its tip
 *       at or after the start while still open, so this child was created after the start and holds
 *       no record the refresh must read.
 * </ul>
 *
 * A shard waiting for a parent that has not caught up, or for its reader, keeps the refresh going.
 * Finished shards are no longer known, so they count as done. Once caught up, the source stays
 * caught up until shards must be {@linkplain #readAgain read again}. Which readers were told is not
 * kept here: that is the enumerator's (every registered reader, whenever it registered). Not
 * checkpointed: a restored or restarted reader catches up again. Used on the coordinator thread
 * only.
 */
final class RefreshProgress {
    private final Instant start;
    private final Set<String> caughtUp = new HashSet<>();
    private boolean listedSinceStart;
    private boolean reached;

    RefreshProgress(Instant start) {
        this.start = Objects.requireNonNull(start, "start");
    }

    Instant start() {
        return start;
    }

    /** A listing that began at {@code startedAt} was applied. */
    void listingApplied(Instant startedAt) {
        if (!startedAt.isBefore(start)) {
            listedSinceStart = true;
        }
    }

    void caughtUp(Collection<String> shardIds) {
        caughtUp.addAll(shardIds);
    }

    /** These shards are read again (a reader failed or restarted): they must catch up again. */
    void readAgain(Collection<String> shardIds) {
        if (caughtUp.removeAll(shardIds)) {
            reached = false;
        }
    }

    /**
     * Whether the source caught up: true from the first time every condition holds until {@link
     * #readAgain} undoes it.
     *
     * @param unfinished every known shard that is not finished
     * @param assigned whether a reader holds a shard
     */
    boolean isCaughtUp(Collection<KinesisShardSplit> unfinished, Predicate<String> assigned) {
        if (reached) {
            return true;
        }
        if (!listedSinceStart) {
            return false;
        }
        Map<String, KinesisShardSplit> byId = new HashMap<>();
        unfinished.forEach(split -> byId.put(split.shardId(), split));
        for (KinesisShardSplit split : unfinished) {
            if (!done(split, byId, assigned)) {
                return false;
            }
        }
        reached = true;
        return true;
    }

    private boolean done(
            KinesisShardSplit split,
            Map<String, KinesisShardSplit> unfinished,
            Predicate<String> assigned) {
        if (caughtUp.contains(split.shardId())) {
            return true;
        }
        if (assigned.test(split.shardId())) {
            return false;
        }
        for (String parent : split.parentShardIds()) {
            KinesisShardSplit parentSplit = unfinished.get(parent);
            if (parentSplit != null && done(parentSplit, unfinished, assigned)) {
                return true;
            }
        }
        return false;
    }
}
