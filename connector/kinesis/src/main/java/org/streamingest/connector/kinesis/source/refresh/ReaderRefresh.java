package org.streamingest.connector.kinesis.source.refresh;

import org.streamingest.connector.kinesis.source.metrics.KinesisShardMetrics;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The task side of a manual refresh in one reader: keeps the splits that caught up (they are no
 * longer read but stay in every checkpoint with their emitted position, so the next refresh resumes
 * them), counts the records emitted, and exposes whether the whole source caught up.
 *
 * <p>Metrics, in the reader's group {@value KinesisShardMetrics#GROUP}: the gauge {@value
 * #CAUGHT_UP} (1 once the enumerator reported that every shard caught up or finished, else 0) and
 * the counter {@value #RECORDS} (Kinesis records emitted since this run started). Used on the
 * task's main thread; the gauge is read by the metric reporters.
 */
public final class ReaderRefresh {
    public static final String CAUGHT_UP = "refreshCaughtUp";
    public static final String RECORDS = "refreshRecords";

    private final RefreshTip tip;
    private final Map<String, KinesisShardSplit> parked = new TreeMap<>();
    private final Counter records;
    private volatile boolean caughtUp;

    public ReaderRefresh(RefreshTip tip, MetricGroup readerGroup) {
        this.tip = Objects.requireNonNull(tip, "tip");
        MetricGroup group = readerGroup.addGroup(KinesisShardMetrics.GROUP);
        group.gauge(CAUGHT_UP, (Gauge<Integer>) () -> caughtUp ? 1 : 0);
        this.records = group.counter(RECORDS);
    }

    public RefreshTip tip() {
        return tip;
    }

    /** Counts the Kinesis records emitted in this refresh. */
    public Counter records() {
        return records;
    }

    /**
     * Takes a split reported done by the fetcher: if it caught up (rather than ended) it is kept,
     * with the position after its last emitted record, and true is returned.
     */
    public boolean parkIfCaughtUp(KinesisShardSplit atEmittedPosition) {
        if (!tip.takeCaughtUp(atEmittedPosition.splitId())) {
            return false;
        }
        parked.put(atEmittedPosition.splitId(), atEmittedPosition);
        return true;
    }

    /** The caught-up splits, for checkpoints. */
    public Collection<KinesisShardSplit> parkedSplits() {
        List<KinesisShardSplit> splits = new ArrayList<>(parked.values());
        return splits;
    }

    /** The enumerator reported that the whole source caught up. */
    public void sourceCaughtUp() {
        caughtUp = true;
    }

    public boolean isSourceCaughtUp() {
        return caughtUp;
    }
}
