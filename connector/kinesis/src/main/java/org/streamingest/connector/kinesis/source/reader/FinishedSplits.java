package org.streamingest.connector.kinesis.source.reader;

import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Finished splits the reader must keep in its checkpoints until one of them completes.
 *
 * <p>The reader tells the enumerator about a finished split with an event, and the event is not
 * part of any checkpoint. If the job fails over before the enumerator's state reflects it, a
 * restored enumerator would wait forever for that split (and never assign its children). So each
 * finished split stays in every reader snapshot until a checkpoint that contains it completes; a
 * reader restored with it re-sends the event (the FLINK-37627 lesson).
 *
 * <p>A split is attributed to the first checkpoint whose snapshot contains it, and dropped once
 * that checkpoint (or a later one) completes. Used only on the task's main thread.
 */
final class FinishedSplits {
    /** Finished since the last snapshot, by split id. */
    private final Map<String, KinesisShardSplit> notYetSnapshotted = new LinkedHashMap<>();

    /** Snapshotted but not yet in a completed checkpoint, by the first checkpoint holding them. */
    private final NavigableMap<Long, List<KinesisShardSplit>> byCheckpoint = new TreeMap<>();

    /** Records a finished split; {@code split.finished()} must be true. */
    void add(KinesisShardSplit split) {
        if (!split.finished()) {
            throw new IllegalArgumentException("Not a finished split: " + split);
        }
        notYetSnapshotted.put(split.splitId(), split);
    }

    /** The finished splits checkpoint {@code checkpointId} must contain. */
    List<KinesisShardSplit> snapshot(long checkpointId) {
        if (!notYetSnapshotted.isEmpty()) {
            byCheckpoint
                    .computeIfAbsent(checkpointId, id -> new ArrayList<>())
                    .addAll(notYetSnapshotted.values());
            notYetSnapshotted.clear();
        }
        List<KinesisShardSplit> all = new ArrayList<>();
        byCheckpoint.values().forEach(all::addAll);
        return all;
    }

    /** Forgets the splits that a completed checkpoint now holds. */
    void checkpointComplete(long checkpointId) {
        byCheckpoint.headMap(checkpointId, true).clear();
    }

    /** Every finished split still kept, for tests and logging. */
    Collection<KinesisShardSplit> pending() {
        List<KinesisShardSplit> all = new ArrayList<>(notYetSnapshotted.values());
        byCheckpoint.values().forEach(all::addAll);
        return all;
    }
}
