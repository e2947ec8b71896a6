package org.streamingest.connector.kinesis.source.split;

import org.streamingest.connector.kinesis.proxy.StreamId;

import org.apache.flink.api.connector.source.SourceSplit;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * One shard of one stream, with the position to continue from. Immutable: readers keep a mutable
 * {@code KinesisShardSplitState} and turn it back into a split when they checkpoint.
 *
 * <p>{@code finished} marks a split whose shard was read to its end but whose end is not yet in a
 * completed checkpoint; a reader restored with such a split reports it finished again instead of
 * reading it.
 */
public final class KinesisShardSplit implements SourceSplit {
    private final StreamId stream;
    private final String shardId;
    private final StartingPosition startingPosition;
    private final List<String> parentShardIds;
    private final BigInteger startingHashKey;
    private final BigInteger endingHashKey;
    private final boolean finished;

    public KinesisShardSplit(
            StreamId stream,
            String shardId,
            StartingPosition startingPosition,
            List<String> parentShardIds,
            BigInteger startingHashKey,
            BigInteger endingHashKey,
            boolean finished) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.startingPosition = Objects.requireNonNull(startingPosition, "startingPosition");
        this.parentShardIds = List.copyOf(parentShardIds);
        this.startingHashKey = Objects.requireNonNull(startingHashKey, "startingHashKey");
        this.endingHashKey = Objects.requireNonNull(endingHashKey, "endingHashKey");
        this.finished = finished;
    }

    @Override
    public String splitId() {
        return shardId;
    }

    public StreamId stream() {
        return stream;
    }

    public String shardId() {
        return shardId;
    }

    public StartingPosition startingPosition() {
        return startingPosition;
    }

    public List<String> parentShardIds() {
        return parentShardIds;
    }

    public BigInteger startingHashKey() {
        return startingHashKey;
    }

    public BigInteger endingHashKey() {
        return endingHashKey;
    }

    public boolean finished() {
        return finished;
    }

    public KinesisShardSplit withPosition(StartingPosition position) {
        return new KinesisShardSplit(
                stream,
                shardId,
                position,
                parentShardIds,
                startingHashKey,
                endingHashKey,
                finished);
    }

    public KinesisShardSplit asFinished() {
        return new KinesisShardSplit(
                stream,
                shardId,
                startingPosition,
                parentShardIds,
                startingHashKey,
                endingHashKey,
                true);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisShardSplit)) {
            return false;
        }
        KinesisShardSplit s = (KinesisShardSplit) o;
        return stream.equals(s.stream)
                && shardId.equals(s.shardId)
                && startingPosition.equals(s.startingPosition)
                && parentShardIds.equals(s.parentShardIds)
                && startingHashKey.equals(s.startingHashKey)
                && endingHashKey.equals(s.endingHashKey)
                && finished == s.finished;
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, shardId, startingPosition, finished);
    }

    @Override
    public String toString() {
        return "KinesisShardSplit{"
                + stream.name()
                + "/"
                + shardId
                + " from "
                + startingPosition
                + (parentShardIds.isEmpty() ? "" : ", parents=" + parentShardIds)
                + (finished ? ", finished" : "")
                + "}";
    }
}
