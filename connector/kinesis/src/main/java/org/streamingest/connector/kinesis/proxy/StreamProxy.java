package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.source.split.StartingPosition;

import java.util.List;

/**
 * The one seam between the connector and the Kinesis control and data plane. Everything above it
 * (enumerator, readers, catalog) speaks only the connector's own types, so tests use a hand-written
 * fake instead of the AWS SDK.
 *
 * <p>Implementations translate service errors into the connector's exceptions: {@link
 * StreamNotFoundException} for an unknown stream, {@link KinesisAccessDeniedException} for missing
 * permissions, {@link KinesisUnreachableException} when the endpoint cannot be reached after the
 * configured retries. Throttling and transient errors are retried inside the proxy with backoff.
 */
public interface StreamProxy extends AutoCloseable {

    /** Names of every stream the credentials can see in the configured region. */
    List<String> listStreams();

    /** Status, ARN and retention of a stream, addressed by name or ARN. */
    StreamDescription describeStream(StreamId stream);

    /**
     * Shards of a stream. {@code exclusiveStartShardId} may be {@code null} to list from the start.
     * Callers must not rely on the filter being honoured: some servers ignore it and return every
     * shard.
     */
    List<ShardInfo> listShards(StreamId stream, String exclusiveStartShardId);

    /**
     * Reads the next batch of a shard from {@code position}. The proxy keeps the shard iterator of
     * the previous call for the same shard when the position continues it, and re-acquires an
     * expired iterator from {@code position}.
     */
    RecordBatch getRecords(
            StreamId stream, String shardId, StartingPosition position, int maxRecords);

    @Override
    void close();
}
