package org.streamingest.connector.kinesis.source.reader.polling;

import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

/**
 * The fetcher-side state of one shard: the position after the last record handed to the task thread
 * (the proxy re-acquires iterators from it), when the shard may be polled next, and whether it is
 * paused. It runs ahead of the checkpointed, emit-side position.
 */
final class ShardCursor {
    final StreamId stream;
    final String shardId;
    StartingPosition position;
    long dueAtNanos;
    boolean paused;

    ShardCursor(KinesisShardSplit split, long nowNanos) {
        this.stream = split.stream();
        this.shardId = split.shardId();
        this.position = split.startingPosition();
        this.dueAtNanos = nowNanos;
    }

    boolean isDue(long nowNanos) {
        return nowNanos - dueAtNanos >= 0;
    }

    @Override
    public String toString() {
        return stream.name() + "/" + shardId + " at " + position + (paused ? " (paused)" : "");
    }
}
