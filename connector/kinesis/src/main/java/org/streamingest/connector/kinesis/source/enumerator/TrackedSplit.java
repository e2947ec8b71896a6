package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;

import java.util.Objects;

/** A split the enumerator knows and has not seen finished, with whether a reader holds it. */
public final class TrackedSplit {

    /** Whether the split is held by a reader. */
    public enum Status {
        /** Handed to a reader; the reader's checkpoint holds its position. */
        ASSIGNED,
        /** Waiting for its parents to finish or for its reader to register. */
        UNASSIGNED
    }

    private final KinesisShardSplit split;
    private final Status status;

    public TrackedSplit(KinesisShardSplit split, Status status) {
        this.split = Objects.requireNonNull(split, "split");
        this.status = Objects.requireNonNull(status, "status");
    }

    public KinesisShardSplit split() {
        return split;
    }

    public Status status() {
        return status;
    }

    public boolean assigned() {
        return status == Status.ASSIGNED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackedSplit
                && split.equals(((TrackedSplit) o).split)
                && status == ((TrackedSplit) o).status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(split, status);
    }

    @Override
    public String toString() {
        return split.shardId() + "=" + status;
    }
}
