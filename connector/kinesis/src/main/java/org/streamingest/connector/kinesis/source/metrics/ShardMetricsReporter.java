package org.streamingest.connector.kinesis.source.metrics;

/** Where split readers report per-shard progress; the reader exposes it as Flink metrics. */
public interface ShardMetricsReporter {

    /** How far the last fetched batch of {@code shardId} was behind the tip of the shard. */
    void millisBehindLatest(String shardId, long millis);

    /** A reporter that drops everything, for tests that do not look at metrics. */
    ShardMetricsReporter NOOP = (shardId, millis) -> {};
}
