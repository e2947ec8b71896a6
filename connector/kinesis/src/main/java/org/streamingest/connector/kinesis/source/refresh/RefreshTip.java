package org.streamingest.connector.kinesis.source.refresh;

import org.streamingest.connector.kinesis.proxy.RecordBatch;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fetcher side of a manual refresh that began at {@link #start()}: decides when a shard has
 * reached the tip it had at that time, and hands the caught-up shard ids from the fetcher thread to
 * the task thread.
 *
 * <p>A batch proves the tip when its GetRecords call began at or after the start and it returned no
 * record at all, or fewer records than asked for with {@code millisBehindLatest == 0}. (A full
 * batch is not trusted: kinesalite reports 0 on every batch of an open shard.) Every record that
 * was in the shard at the start is then in this batch or before it. The fetcher hands the batch
 * over with the split marked done and records the id here first; the task thread, which emits the
 * batch before it learns that the split is done, takes the id to tell a caught-up split from one
 * read to its end.
 */
public final class RefreshTip {
    private final Instant start;
    private final Clock clock;
    private final Set<String> caughtUp = ConcurrentHashMap.newKeySet();

    public RefreshTip(Instant start, Clock clock) {
        this.start = Objects.requireNonNull(start, "start");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Instant start() {
        return start;
    }

    /** The time to pass to {@link #provesTip} for a call that begins now. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Whether {@code batch}, from a call that began at {@code fetchStartedAt} and asked for up to
     * {@code maxRecords}, reached the tip.
     */
    public boolean provesTip(Instant fetchStartedAt, RecordBatch batch, int maxRecords) {
        int size = batch.records().size();
        long behind = batch.millisBehindLatest();
        // An empty page that is still behind (Kinesis may return one with records further on)
        // proves nothing; a full page neither (kinesalite reports 0 on every page).
        return !fetchStartedAt.isBefore(start)
                && ((size == 0 && behind <= 0) || (size < maxRecords && behind == 0));
    }

    /** Fetcher thread: the split is caught up; its last batch is being handed over. */
    public void markCaughtUp(String splitId) {
        caughtUp.add(splitId);
    }

    /** Task thread: whether a split reported done was caught up (rather than ended); forgets it. */
    public boolean takeCaughtUp(String splitId) {
        return caughtUp.remove(splitId);
    }
}
