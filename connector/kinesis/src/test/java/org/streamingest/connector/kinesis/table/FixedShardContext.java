package org.streamingest.connector.kinesis.table;

import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.ShardContext;

import java.time.Instant;

/** A shard context with fixed values, as the reader would pass it. */
record FixedShardContext(StreamId stream, String shardId, Instant refreshTime)
        implements ShardContext {}
