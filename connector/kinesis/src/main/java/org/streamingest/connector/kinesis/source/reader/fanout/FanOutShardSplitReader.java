package org.streamingest.connector.kinesis.source.reader.fanout;

import org.streamingest.connector.kinesis.proxy.FanOutProxy;
import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.metrics.ShardMetricsReporter;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsRemoval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads the splits of one fetcher with enhanced fan-out: one {@link FanOutShardSubscription} per
 * split, drained round-robin, one event per split and fetch.
 *
 * <p>{@code fetch()} returns the events available now: their records first, then the ids of splits
 * whose shard ended (after its last records) or is gone. When nothing is available it waits for an
 * event, an ended subscription, a due retry or {@link #wakeUp()}, at most the poll timeout, and
 * then returns an empty result; it never spins. Everything except {@code wakeUp()} and the
 * subscription handlers runs on the fetcher thread.
 */
public final class FanOutShardSplitReader implements SplitReader<KinesisRecord, KinesisShardSplit> {

    private final FanOutProxy proxy;
    private final String consumerArn;
    private final ShardMetricsReporter metrics;
    private final FanOutReaderSettings settings;

    private final Map<String, FanOutShardSubscription> subscriptions = new LinkedHashMap<>();
    private final Set<String> finishedOnArrival = new LinkedHashSet<>();
    private final Object signal = new Object();
    private boolean signalled; // guarded by signal
    private boolean wokenUp; // guarded by signal
    private int roundRobin;

    public FanOutShardSplitReader(
            FanOutProxy proxy,
            String consumerArn,
            Configuration config,
            ShardMetricsReporter metrics) {
        this(proxy, consumerArn, metrics, FanOutReaderSettings.fromConfig(config));
    }

    /**
     * Looks up the ARN of the configured consumer of {@code stream} (patiently, see {@link
     * EfoConsumerRegistrar#resolveConsumerArn()}) and creates the reader, which then owns {@code
     * proxy}; the proxy is closed if the lookup fails.
     */
    public static FanOutShardSplitReader create(
            FanOutProxy proxy,
            StreamId stream,
            Configuration config,
            ShardMetricsReporter metrics) {
        String consumerArn;
        try {
            consumerArn = new EfoConsumerRegistrar(proxy, stream, config).resolveConsumerArn();
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        return new FanOutShardSplitReader(proxy, consumerArn, config, metrics);
    }

    FanOutShardSplitReader(
            FanOutProxy proxy,
            String consumerArn,
            ShardMetricsReporter metrics,
            FanOutReaderSettings settings) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.consumerArn = Objects.requireNonNull(consumerArn, "consumerArn");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.settings = settings;
    }

    @Override
    public RecordsWithSplitIds<KinesisRecord> fetch() {
        long waitUntil = System.nanoTime() + settings.pollTimeout.toNanos();
        while (true) {
            RecordsWithSplitIds<KinesisRecord> result = collect();
            if (result != null) {
                return result;
            }
            long now = System.nanoTime();
            if (now - waitUntil >= 0) {
                return empty();
            }
            long wait = Math.min(waitUntil - now, nanosToNextDeadline());
            synchronized (signal) {
                if (wokenUp) {
                    wokenUp = false;
                    signalled = false;
                    return empty();
                }
                if (!signalled) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(signal, Math.max(wait, 1_000_000L));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return empty();
                    }
                }
                signalled = false;
            }
        }
    }

    /** One round over the subscriptions; null when there was nothing to hand over. */
    private RecordsWithSplitIds<KinesisRecord> collect() {
        long now = settings.nanoClock.getAsLong();
        List<FanOutShardSubscription> order = new ArrayList<>(subscriptions.values());
        for (FanOutShardSubscription subscription : order) {
            subscription.maintain(now);
        }
        RecordsBySplits.Builder<KinesisRecord> builder = new RecordsBySplits.Builder<>();
        boolean any = false;
        int n = order.size();
        for (int i = 0; i < n; i++) {
            FanOutShardSubscription subscription = order.get((roundRobin + i) % n);
            FanOutShardSubscription.Event event = subscription.poll();
            if (event != null) {
                any = true;
                if (!event.batch().records().isEmpty()) {
                    builder.addAll(subscription.splitId(), event.batch().records());
                }
                if (event.batch().millisBehindLatest() >= 0) {
                    metrics.millisBehindLatest(
                            subscription.splitId(), event.batch().millisBehindLatest());
                }
            }
        }
        roundRobin = n == 0 ? 0 : (roundRobin + 1) % n;
        for (FanOutShardSubscription subscription : order) {
            KinesisConnectorException failure = subscription.failure();
            if (failure != null) {
                throw failure;
            }
            if (subscription.isFinished()) {
                subscriptions.remove(subscription.splitId());
                builder.addFinishedSplit(subscription.splitId());
                any = true;
            }
        }
        if (!finishedOnArrival.isEmpty()) {
            builder.addFinishedSplits(finishedOnArrival);
            finishedOnArrival.clear();
            any = true;
        }
        return any ? builder.build() : null;
    }

    private long nanosToNextDeadline() {
        long next = Long.MAX_VALUE;
        for (FanOutShardSubscription subscription : subscriptions.values()) {
            next = Math.min(next, subscription.nextDeadline());
        }
        if (next == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return Math.max(0L, next - settings.nanoClock.getAsLong());
    }

    private static RecordsWithSplitIds<KinesisRecord> empty() {
        return new RecordsBySplits.Builder<KinesisRecord>().build();
    }

    private void signal() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<KinesisShardSplit> splitsChanges) {
        if (splitsChanges instanceof SplitsAddition) {
            for (KinesisShardSplit split : splitsChanges.splits()) {
                if (split.finished()) {
                    // Read to its end before a checkpoint that was not completed: report again.
                    finishedOnArrival.add(split.splitId());
                } else if (!subscriptions.containsKey(split.splitId())) {
                    subscriptions.put(
                            split.splitId(),
                            new FanOutShardSubscription(
                                    proxy, consumerArn, split, settings, this::signal));
                }
            }
        } else if (splitsChanges instanceof SplitsRemoval) {
            for (KinesisShardSplit split : splitsChanges.splits()) {
                FanOutShardSubscription removed = subscriptions.remove(split.splitId());
                if (removed != null) {
                    removed.close();
                }
            }
        } else {
            throw new UnsupportedOperationException(
                    "Unsupported splits change: " + splitsChanges.getClass().getName());
        }
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<KinesisShardSplit> splitsToPause,
            Collection<KinesisShardSplit> splitsToResume) {
        for (KinesisShardSplit split : splitsToPause) {
            FanOutShardSubscription subscription = subscriptions.get(split.splitId());
            if (subscription != null) {
                subscription.setPaused(true);
            }
        }
        for (KinesisShardSplit split : splitsToResume) {
            FanOutShardSubscription subscription = subscriptions.get(split.splitId());
            if (subscription != null) {
                subscription.setPaused(false);
            }
        }
        signal();
    }

    @Override
    public void wakeUp() {
        synchronized (signal) {
            wokenUp = true;
            signal.notifyAll();
        }
    }

    /** Cancels every subscription, then closes the proxy. */
    @Override
    public void close() {
        try {
            for (FanOutShardSubscription subscription : subscriptions.values()) {
                subscription.close();
            }
            subscriptions.clear();
        } finally {
            proxy.close();
        }
    }
}
