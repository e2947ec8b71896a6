package org.streamingest.connector.kinesis.source.reader.polling;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.KinesisUnreachableException;
import org.streamingest.connector.kinesis.proxy.RecordBatch;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.connector.kinesis.proxy.StreamProxy;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.metrics.ShardMetricsReporter;
import org.streamingest.connector.kinesis.source.refresh.RefreshTip;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the shards of one fetcher with GetRecords. Each {@link #fetch()} polls one shard, taken
 * round-robin, for one batch. A shard whose last batch was empty is skipped until {@link
 * KinesisSourceOptions#IDLE_SHARD_INTERVAL} has passed; when every shard is idle the fetcher thread
 * sleeps until the first one is due or {@link #wakeUp()} is called.
 *
 * <p>A batch that ends its shard is handed over with its records and the split marked finished, so
 * the task thread emits the records before it learns that the split is done. Both shapes servers
 * use work: the last records and the end in one response, or the last records followed by an empty
 * response that carries the end. A shard that no longer exists (expired past retention) is treated
 * as finished. Throttling and transient errors are retried by the proxy; when it gives up, the
 * error fails the job.
 *
 * <p>During a manual refresh ({@link RefreshTip}) a shard whose batch proves the tip it had when
 * the refresh began is handed over with that batch and marked done, so it is not fetched again.
 */
public final class PollingShardSplitReader
        implements SplitReader<KinesisRecord, KinesisShardSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(PollingShardSplitReader.class);

    /** The largest batch GetRecords can return. */
    static final int GET_RECORDS_LIMIT = 10_000;

    private static final long ALL_PAUSED_WAIT_NANOS = Duration.ofSeconds(1).toNanos();

    private final StreamProxy proxy;
    private final int maxRecords;
    private final long idleNanos;
    private final ShardMetricsReporter metrics;
    @Nullable private final RefreshTip refreshTip;

    private final Map<String, ShardCursor> cursors = new HashMap<>();

    /** Unpaused shards in polling order. */
    private final Deque<ShardCursor> roundRobin = new ArrayDeque<>();

    /** Splits found finished outside of a fetch, reported by the next one. */
    private final Set<String> finishedToReport = new LinkedHashSet<>();

    private final IdleWait idleWait = new IdleWait();

    public PollingShardSplitReader(
            StreamProxy proxy, Configuration config, ShardMetricsReporter metrics) {
        this(proxy, config, metrics, null);
    }

    /**
     * @param refreshTip the running manual refresh, or null to read shards without end
     */
    public PollingShardSplitReader(
            StreamProxy proxy,
            Configuration config,
            ShardMetricsReporter metrics,
            @Nullable RefreshTip refreshTip) {
        this.refreshTip = refreshTip;
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxRecords = config.get(KinesisSourceOptions.GET_RECORDS_MAX);
        if (maxRecords < 1 || maxRecords > GET_RECORDS_LIMIT) {
            throw new IllegalArgumentException(
                    String.format(
                            "'%s' is %d; set it between 1 and %d.",
                            KinesisSourceOptions.GET_RECORDS_MAX.key(),
                            maxRecords,
                            GET_RECORDS_LIMIT));
        }
        Duration idle = config.get(KinesisSourceOptions.IDLE_SHARD_INTERVAL);
        if (idle.isNegative()) {
            throw new IllegalArgumentException(
                    String.format(
                            "'%s' is %s; set it to zero or more, e.g. '250 ms'.",
                            KinesisSourceOptions.IDLE_SHARD_INTERVAL.key(), idle));
        }
        this.idleNanos = idle.toNanos();
    }

    @Override
    public RecordsWithSplitIds<KinesisRecord> fetch() {
        while (true) {
            if (!finishedToReport.isEmpty()) {
                RecordsBySplits.Builder<KinesisRecord> finished = new RecordsBySplits.Builder<>();
                finished.addFinishedSplits(finishedToReport);
                finishedToReport.clear();
                return finished.build();
            }
            long now = System.nanoTime();
            ShardCursor due = nextDue(now);
            if (due != null) {
                return poll(due);
            }
            if (!idleWait.await(nanosUntilFirstDue(now))) {
                return emptyResult();
            }
        }
    }

    /** The first due shard in round-robin order; shards that are not due move to the back. */
    private ShardCursor nextDue(long now) {
        for (int i = roundRobin.size(); i > 0; i--) {
            ShardCursor cursor = roundRobin.pollFirst();
            if (cursor.isDue(now)) {
                return cursor;
            }
            roundRobin.addLast(cursor);
        }
        return null;
    }

    /**
     * How long until the first idle shard is due. With every shard paused only a wake-up (resume,
     * new split, shutdown) changes anything; the wait is capped anyway.
     */
    private long nanosUntilFirstDue(long now) {
        long wait = roundRobin.isEmpty() ? ALL_PAUSED_WAIT_NANOS : Long.MAX_VALUE;
        for (ShardCursor cursor : roundRobin) {
            wait = Math.min(wait, cursor.dueAtNanos - now);
        }
        return Math.max(wait, 1);
    }

    private RecordsWithSplitIds<KinesisRecord> poll(ShardCursor cursor) {
        RecordBatch batch;
        Instant startedAt = refreshTip == null ? null : refreshTip.now();
        try {
            batch = proxy.getRecords(cursor.stream, cursor.shardId, cursor.position, maxRecords);
        } catch (StreamNotFoundException e) {
            LOG.warn(
                    "Shard {} of stream '{}' no longer exists (expired past the stream's retention?);"
                            + " treating it as finished. {}",
                    cursor.shardId,
                    cursor.stream.name(),
                    e.getMessage());
            cursors.remove(cursor.shardId);
            RecordsBySplits.Builder<KinesisRecord> finished = new RecordsBySplits.Builder<>();
            finished.addFinishedSplit(cursor.shardId);
            return finished.build();
        } catch (KinesisUnreachableException e) {
            roundRobin.addFirst(cursor);
            throw new KinesisUnreachableException(
                    String.format(
                            "Reading shard %s of stream '%s' from %s failed: %s",
                            cursor.shardId, cursor.stream.name(), cursor.position, e.getMessage()),
                    e);
        } catch (RuntimeException e) {
            roundRobin.addFirst(cursor);
            throw e;
        }
        return handOver(cursor, batch, startedAt);
    }

    private RecordsWithSplitIds<KinesisRecord> handOver(
            ShardCursor cursor, RecordBatch batch, @Nullable Instant startedAt) {
        if (batch.millisBehindLatest() >= 0) {
            metrics.millisBehindLatest(cursor.shardId, batch.millisBehindLatest());
        }
        List<KinesisRecord> records = batch.records();
        RecordsBySplits.Builder<KinesisRecord> result = new RecordsBySplits.Builder<>();
        if (!records.isEmpty()) {
            result.addAll(cursor.shardId, records);
            cursor.position =
                    StartingPosition.afterSequenceNumber(
                            records.get(records.size() - 1).sequenceNumber());
        }
        if (batch.shardEnded()) {
            LOG.info("Shard {} of stream '{}' ended", cursor.shardId, cursor.stream.name());
            cursors.remove(cursor.shardId);
            result.addFinishedSplit(cursor.shardId);
        } else if (refreshTip != null && refreshTip.provesTip(startedAt, batch, maxRecords)) {
            LOG.info(
                    "Shard {} of stream '{}' caught up with the refresh started at {}",
                    cursor.shardId,
                    cursor.stream.name(),
                    refreshTip.start());
            refreshTip.markCaughtUp(cursor.shardId);
            cursors.remove(cursor.shardId);
            result.addFinishedSplit(cursor.shardId);
        } else {
            long now = System.nanoTime();
            cursor.dueAtNanos = records.isEmpty() ? now + idleNanos : now;
            roundRobin.addLast(cursor);
        }
        return result.build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<KinesisShardSplit> splitsChanges) {
        if (!(splitsChanges instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "The Kinesis polling reader does not support " + splitsChanges);
        }
        long now = System.nanoTime();
        for (KinesisShardSplit split : splitsChanges.splits()) {
            if (split.finished()) {
                finishedToReport.add(split.splitId());
                continue;
            }
            ShardCursor previous = cursors.put(split.splitId(), new ShardCursor(split, now));
            if (previous != null) {
                roundRobin.remove(previous);
            }
            roundRobin.addLast(cursors.get(split.splitId()));
        }
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<KinesisShardSplit> splitsToPause,
            Collection<KinesisShardSplit> splitsToResume) {
        for (KinesisShardSplit split : splitsToPause) {
            ShardCursor cursor = cursors.get(split.splitId());
            if (cursor != null && !cursor.paused) {
                cursor.paused = true;
                roundRobin.remove(cursor);
            }
        }
        for (KinesisShardSplit split : splitsToResume) {
            ShardCursor cursor = cursors.get(split.splitId());
            if (cursor != null && cursor.paused) {
                cursor.paused = false;
                roundRobin.addLast(cursor);
            }
        }
    }

    @Override
    public void wakeUp() {
        idleWait.wakeUp();
    }

    @Override
    public void close() {
        proxy.close();
    }

    private static RecordsWithSplitIds<KinesisRecord> emptyResult() {
        return new RecordsBySplits.Builder<KinesisRecord>().build();
    }
}
