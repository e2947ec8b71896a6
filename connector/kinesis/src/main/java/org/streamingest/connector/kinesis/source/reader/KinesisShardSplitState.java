package org.streamingest.connector.kinesis.source.reader;

import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import java.util.Objects;

/**
 * The reader's mutable view of one assigned split: the split as assigned plus the position after
 * the last record <em>emitted</em> downstream. It is advanced by the record emitter on the task's
 * main thread, so a checkpoint taken between two records captures exactly what was emitted.
 */
public final class KinesisShardSplitState {
    private final KinesisShardSplit split;
    private StartingPosition nextPosition;

    public KinesisShardSplitState(KinesisShardSplit split) {
        this.split = Objects.requireNonNull(split, "split");
        this.nextPosition = split.startingPosition();
    }

    public StreamId stream() {
        return split.stream();
    }

    public String shardId() {
        return split.shardId();
    }

    /** Where reading continues: the assigned position until the first record is emitted. */
    public StartingPosition nextPosition() {
        return nextPosition;
    }

    /** Records that the record with {@code sequenceNumber} was emitted. */
    public void emitted(String sequenceNumber) {
        this.nextPosition = StartingPosition.afterSequenceNumber(sequenceNumber);
    }

    /**
     * The immutable split to checkpoint: the assigned split continued from {@link #nextPosition}.
     */
    public KinesisShardSplit toSplit() {
        return split.withPosition(nextPosition);
    }

    @Override
    public String toString() {
        return "KinesisShardSplitState{"
                + stream().name()
                + "/"
                + shardId()
                + " at "
                + nextPosition
                + "}";
    }
}
