package org.streamingest.connector.kinesis.source.reader;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.KinesisDeserializationSchema;
import org.streamingest.connector.kinesis.source.KinesisSourceConfigValidator;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.ProxyFactory;
import org.streamingest.connector.kinesis.source.event.RefreshCaughtUpEvent;
import org.streamingest.connector.kinesis.source.event.SplitsCaughtUpEvent;
import org.streamingest.connector.kinesis.source.event.SplitsFinishedEvent;
import org.streamingest.connector.kinesis.source.metrics.KinesisShardMetrics;
import org.streamingest.connector.kinesis.source.metrics.ShardMetricsReporter;
import org.streamingest.connector.kinesis.source.reader.fanout.FanOutShardSplitReader;
import org.streamingest.connector.kinesis.source.reader.polling.PollingShardSplitReader;
import org.streamingest.connector.kinesis.source.refresh.ReaderRefresh;
import org.streamingest.connector.kinesis.source.refresh.RefreshTip;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The source reader of one subtask: a single fetcher thread multiplexes all shards assigned to the
 * subtask, and the task thread emits their records.
 *
 * <ul>
 *   <li>Positions advance per emitted record ({@link KinesisRecordEmitter}), so a checkpoint holds
 *       exactly what was emitted before it.
 *   <li>A finished shard is reported to the enumerator with a {@link SplitsFinishedEvent} and kept
 *       (marked finished) in this reader's checkpoints until one of them completes; a reader
 *       restored with such a split re-reports it instead of reading it.
 *   <li>The refresh time handed to deserializers starts when the reader starts or is restored, and
 *       again at every checkpoint.
 *   <li>With {@link KinesisSourceOptions#REFRESH_START_TIME} (a manual refresh) every record
 *       carries that time; a shard that caught up with the tip it had then is no longer read but
 *       kept in checkpoints ({@link ReaderRefresh}) and reported with a {@link
 *       SplitsCaughtUpEvent}; the enumerator's {@link RefreshCaughtUpEvent} sets the reader's
 *       {@code refreshCaughtUp} gauge.
 *   <li>The deserialization schema is opened in {@link #start()}.
 * </ul>
 */
public class KinesisSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<
                KinesisRecord, T, KinesisShardSplit, KinesisShardSplitState> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceReader.class);

    private final KinesisDeserializationSchema<T> schema;
    private final RefreshClock refreshClock;
    private final KinesisShardMetrics shardMetrics;
    private final FinishedSplits finishedSplits = new FinishedSplits();
    @Nullable private final ReaderRefresh refresh;

    public KinesisSourceReader(
            SourceReaderContext context,
            StreamId stream,
            Configuration config,
            ProxyFactory proxies,
            KinesisDeserializationSchema<T> schema) {
        this(context, stream, config, proxies, schema, Clock.systemUTC());
    }

    /** As the public constructor, with the clock that stamps refresh spans (for tests). */
    KinesisSourceReader(
            SourceReaderContext context,
            StreamId stream,
            Configuration config,
            ProxyFactory proxies,
            KinesisDeserializationSchema<T> schema,
            Clock clock) {
        this(
                context,
                stream,
                config,
                proxies,
                schema,
                clock,
                KinesisSourceConfigValidator.refreshStartTime(config),
                new KinesisShardMetrics(context.metricGroup()));
    }

    private KinesisSourceReader(
            SourceReaderContext context,
            StreamId stream,
            Configuration config,
            ProxyFactory proxies,
            KinesisDeserializationSchema<T> schema,
            Clock clock,
            @Nullable Instant refreshStart,
            KinesisShardMetrics shardMetrics) {
        this(
                context,
                stream,
                config,
                proxies,
                schema,
                refreshStart == null ? new RefreshClock(clock) : new RefreshClock(refreshStart),
                refreshStart == null
                        ? null
                        : new ReaderRefresh(
                                new RefreshTip(refreshStart, clock), context.metricGroup()),
                shardMetrics);
    }

    private KinesisSourceReader(
            SourceReaderContext context,
            StreamId stream,
            Configuration config,
            ProxyFactory proxies,
            KinesisDeserializationSchema<T> schema,
            RefreshClock refreshClock,
            @Nullable ReaderRefresh refresh,
            KinesisShardMetrics shardMetrics) {
        super(
                () ->
                        createSplitReader(
                                stream,
                                config,
                                proxies,
                                shardMetrics,
                                refresh == null ? null : refresh.tip()),
                refresh == null
                        ? new KinesisRecordEmitter<>(
                                schema,
                                refreshClock,
                                config.get(KinesisSourceOptions.RECORD_MAX_SIZE))
                        : new KinesisRecordEmitter<>(
                                schema,
                                refreshClock,
                                config.get(KinesisSourceOptions.RECORD_MAX_SIZE),
                                refresh.records()),
                config,
                context);
        this.refresh = refresh;
        this.schema = schema;
        this.refreshClock = refreshClock;
        this.shardMetrics = shardMetrics;
    }

    /**
     * The split reader for the configured {@link KinesisSourceOptions#READER_TYPE}; one is created
     * per fetcher, and it owns (and closes) the proxy it is given.
     */
    static SplitReader<KinesisRecord, KinesisShardSplit> createSplitReader(
            StreamId stream,
            Configuration config,
            ProxyFactory proxies,
            ShardMetricsReporter metrics,
            @Nullable RefreshTip refreshTip) {
        KinesisSourceOptions.ReaderType type = config.get(KinesisSourceOptions.READER_TYPE);
        switch (type) {
            case POLLING:
                return new PollingShardSplitReader(
                        proxies.createStreamProxy(), config, metrics, refreshTip);
            case EFO:
                return FanOutShardSplitReader.create(
                        proxies.createFanOutProxy(), stream, config, metrics);
            default:
                throw new IllegalArgumentException("Unknown reader type " + type);
        }
    }

    @Override
    public void start() {
        try {
            schema.open(new SchemaContext(context));
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Could not open the deserialization schema " + schema.getClass().getName(), e);
        }
        super.start();
    }

    @Override
    public void addSplits(List<KinesisShardSplit> splits) {
        Set<String> alreadyFinished = new LinkedHashSet<>();
        List<KinesisShardSplit> toRead = new ArrayList<>();
        for (KinesisShardSplit split : splits) {
            if (split.finished()) {
                finishedSplits.add(split);
                alreadyFinished.add(split.splitId());
            } else {
                shardMetrics.register(split);
                toRead.add(split);
            }
        }
        if (!alreadyFinished.isEmpty()) {
            LOG.info("Restored splits {} are finished; reporting them again", alreadyFinished);
            context.sendSourceEventToCoordinator(new SplitsFinishedEvent(alreadyFinished));
        }
        if (!toRead.isEmpty()) {
            super.addSplits(toRead);
        }
    }

    @Override
    protected void onSplitFinished(Map<String, KinesisShardSplitState> done) {
        Map<String, KinesisShardSplitState> finished = refresh == null ? done : parkCaughtUp(done);
        if (finished.isEmpty()) {
            return;
        }
        finished.values().forEach(state -> finishedSplits.add(state.toSplit().asFinished()));
        finished.keySet().forEach(shardMetrics::unregister);
        LOG.info("Shards {} were read to their end", finished.keySet());
        context.sendSourceEventToCoordinator(new SplitsFinishedEvent(finished.keySet()));
    }

    /** Keeps and reports the splits that caught up with the refresh; returns those that ended. */
    private Map<String, KinesisShardSplitState> parkCaughtUp(
            Map<String, KinesisShardSplitState> done) {
        Map<String, KinesisShardSplitState> ended = new LinkedHashMap<>();
        Set<String> caughtUp = new LinkedHashSet<>();
        done.forEach(
                (id, state) -> {
                    if (refresh.parkIfCaughtUp(state.toSplit())) {
                        caughtUp.add(id);
                    } else {
                        ended.put(id, state);
                    }
                });
        if (!caughtUp.isEmpty()) {
            LOG.info("Shards {} caught up with the refresh", caughtUp);
            context.sendSourceEventToCoordinator(new SplitsCaughtUpEvent(caughtUp));
        }
        return ended;
    }

    @Override
    public List<KinesisShardSplit> snapshotState(long checkpointId) {
        List<KinesisShardSplit> splits = new ArrayList<>(super.snapshotState(checkpointId));
        splits.addAll(finishedSplits.snapshot(checkpointId));
        if (refresh != null) {
            splits.addAll(refresh.parkedSplits());
        }
        refreshClock.startNewSpan();
        return splits;
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof RefreshCaughtUpEvent && refresh != null) {
            LOG.info("Every shard caught up with the refresh started at {}", refresh.tip().start());
            refresh.sourceCaughtUp();
        } else {
            super.handleSourceEvents(event);
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        finishedSplits.checkpointComplete(checkpointId);
        super.notifyCheckpointComplete(checkpointId);
    }

    @Override
    protected KinesisShardSplitState initializedState(KinesisShardSplit split) {
        return new KinesisShardSplitState(split);
    }

    @Override
    protected KinesisShardSplit toSplitType(String splitId, KinesisShardSplitState state) {
        return state.toSplit();
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            shardMetrics.unregisterAll();
        }
    }

    /** What the deserialization schema sees when it is opened. */
    private static final class SchemaContext
            implements DeserializationSchema.InitializationContext {
        private final SourceReaderContext context;

        SchemaContext(SourceReaderContext context) {
            this.context = context;
        }

        @Override
        public MetricGroup getMetricGroup() {
            return context.metricGroup().addGroup("deserializer");
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return context.getUserCodeClassLoader();
        }
    }
}
