package org.streamingest.connector.kinesis.source.metrics;

import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-shard metrics of one source reader, in the group {@code KinesisSource/<stream>/<shardId>}
 * under the reader's metric group. Shards are registered when their split is added and unregistered
 * when it finishes, so a long-running job does not accumulate metrics of closed shards. Split
 * readers report from the fetcher thread; registration happens on the task thread.
 */
public final class KinesisShardMetrics implements ShardMetricsReporter {

    /** Root group name under the reader's metric group. */
    public static final String GROUP = "KinesisSource";

    /** Gauge: milliseconds the last fetched batch was behind the tip of the shard (-1: unknown). */
    public static final String MILLIS_BEHIND_LATEST = "millisBehindLatest";

    private final MetricGroup readerGroup;
    private final Map<String, ShardGauges> shards = new ConcurrentHashMap<>();

    public KinesisShardMetrics(MetricGroup readerGroup) {
        this.readerGroup = Objects.requireNonNull(readerGroup, "readerGroup");
    }

    /** Creates the metrics of the split's shard, unless they exist already. */
    public void register(KinesisShardSplit split) {
        shards.computeIfAbsent(
                split.shardId(),
                shardId -> {
                    MetricGroup group =
                            readerGroup
                                    .addGroup(GROUP)
                                    .addGroup(split.stream().name())
                                    .addGroup(shardId);
                    ShardGauges gauges = new ShardGauges(group);
                    group.gauge(MILLIS_BEHIND_LATEST, gauges);
                    return gauges;
                });
    }

    /** Removes the shard's metrics from the reporters. */
    public void unregister(String shardId) {
        ShardGauges removed = shards.remove(shardId);
        if (removed != null && removed.group instanceof AbstractMetricGroup) {
            ((AbstractMetricGroup<?>) removed.group).close();
        }
    }

    /** Removes the metrics of every registered shard. */
    public void unregisterAll() {
        shards.keySet().forEach(this::unregister);
    }

    @Override
    public void millisBehindLatest(String shardId, long millis) {
        ShardGauges gauges = shards.get(shardId);
        if (gauges != null) {
            gauges.millisBehindLatest = millis;
        }
    }

    /** The current values of one shard. */
    private static final class ShardGauges implements Gauge<Long> {
        private final MetricGroup group;
        private volatile long millisBehindLatest = -1;

        ShardGauges(MetricGroup group) {
            this.group = group;
        }

        @Override
        public Long getValue() {
            return millisBehindLatest;
        }
    }
}
