package org.streamingest.connector.kinesis.source.metrics;

import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.metrics.groups.GenericMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class KinesisShardMetricsTest {
    private static final String A = "reader.KinesisSource.orders.shardId-0.millisBehindLatest";
    private static final String B = "reader.KinesisSource.orders.shardId-1.millisBehindLatest";

    private final Map<String, Metric> registered = new ConcurrentHashMap<>();
    private final KinesisShardMetrics metrics =
            new KinesisShardMetrics(
                    new GenericMetricGroup(
                            TestingMetricRegistry.builder()
                                    .setDelimiter('.')
                                    .setRegisterConsumer(
                                            (m, name, group) ->
                                                    registered.put(
                                                            group.getMetricIdentifier(name), m))
                                    .setUnregisterConsumer(
                                            (m, name, group) ->
                                                    registered.remove(
                                                            group.getMetricIdentifier(name)))
                                    .build(),
                            null,
                            "reader"));

    @Test
    void gaugePerShardUnderStreamAndShardId() {
        metrics.register(split("shardId-0"));
        metrics.register(split("shardId-1"));

        metrics.millisBehindLatest("shardId-0", 1500);

        assertThat(registered).containsOnlyKeys(A, B);
        assertThat(gauge(A).getValue()).isEqualTo(1500L);
        assertThat(gauge(B).getValue()).isEqualTo(-1L);
    }

    @Test
    void unregisterRemovesOnlyThatShardAndItCanComeBack() {
        metrics.register(split("shardId-0"));
        metrics.register(split("shardId-1"));

        metrics.unregister("shardId-0");
        metrics.millisBehindLatest("shardId-0", 7);

        assertThat(registered).containsOnlyKeys(B);

        metrics.register(split("shardId-0"));
        metrics.millisBehindLatest("shardId-0", 9);
        assertThat(gauge(A).getValue()).isEqualTo(9L);
    }

    @Test
    void unregisterAllLeavesNothing() {
        metrics.register(split("shardId-0"));
        metrics.register(split("shardId-1"));

        metrics.unregisterAll();

        assertThat(registered).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Gauge<Long> gauge(String id) {
        return (Gauge<Long>) registered.get(id);
    }

    private static KinesisShardSplit split(String shardId) {
        return new KinesisShardSplit(
                StreamId.of("orders"),
                shardId,
                StartingPosition.fromStart(),
                List.of(),
                BigInteger.ZERO,
                BigInteger.ONE,
                false);
    }
}
