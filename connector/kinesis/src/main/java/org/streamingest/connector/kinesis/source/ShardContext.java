package org.streamingest.connector.kinesis.source;

import org.streamingest.connector.kinesis.proxy.StreamId;

import java.time.Instant;

/** What a deserializer may know about where and when a record was read. */
public interface ShardContext {

    StreamId stream();

    String shardId();

    /**
     * Start of the refresh the record belongs to. A refresh is the span between two checkpoints of
     * the reader: it starts when the reader starts (or restores) and again each time the reader
     * takes a checkpoint. Every record read in one span carries the same value, like Redshift's
     * {@code refresh_time}. With {@link KinesisSourceOptions#REFRESH_START_TIME} (a manual refresh)
     * it is that time for every record of the run.
     */
    Instant refreshTime();
}
