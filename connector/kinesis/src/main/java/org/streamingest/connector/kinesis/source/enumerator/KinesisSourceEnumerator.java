package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.ShardInfo;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.proxy.StreamProxy;
import org.streamingest.connector.kinesis.source.KinesisSourceConfigValidator;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.event.RefreshCaughtUpEvent;
import org.streamingest.connector.kinesis.source.event.SplitsCaughtUpEvent;
import org.streamingest.connector.kinesis.source.event.SplitsFinishedEvent;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.TimeUtils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Discovers the shards of one stream and hands them to readers, parents before children.
 *
 * <p>Discovery lists shards on the enumerator's worker thread every {@link
 * KinesisSourceOptions#SHARD_DISCOVERY_INTERVAL} (the first time right at start); the result is
 * applied on the coordinator thread by a {@link ShardTracker}. A listing is complete (unfiltered)
 * at start and every {@link #COMPLETE_LISTING_INTERVAL}, and continues after the last seen shard in
 * between; nothing relies on the server honouring that filter. A failed listing (unknown stream,
 * missing permission, unreachable endpoint after the proxy's retries) fails the job.
 *
 * <p>Assignment is eager: a split goes to the reader chosen by the midpoint of its hash-key range
 * ({@link ReaderSelector}) as soon as its parents finished and that reader is registered.
 *
 * <p>During a manual refresh ({@link KinesisSourceOptions#REFRESH_START_TIME}) it collects the
 * readers' {@link SplitsCaughtUpEvent}s and, once {@link RefreshProgress} says the source caught
 * up, sends a {@link RefreshCaughtUpEvent} to every registered reader, including those that hold no
 * shard: the refresh waits for every reader's {@code refreshCaughtUp} gauge. A reader that
 * registers later (a reader without shards may register after the others caught up) or again (after
 * a restart, with its gauge back at 0) is told when it registers, so whatever the order of
 * registration and catching up, and however shards fall on readers, every reader is told.
 */
public final class KinesisSourceEnumerator
        implements SplitEnumerator<KinesisShardSplit, KinesisSourceEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceEnumerator.class);

    /** How often discovery lists every shard, which lets it forget expired finished shards. */
    static final Duration COMPLETE_LISTING_INTERVAL = Duration.ofMinutes(10);

    private final SplitEnumeratorContext<KinesisShardSplit> context;
    private final StreamId stream;
    private final StreamProxy proxy;
    private final Duration discoveryInterval;
    private final Clock clock;
    private final StartingPosition initialPosition;
    private final ShardTracker tracker;
    @Nullable private final RefreshProgress refresh;

    /** The readers told that the refresh caught up, since they last registered. */
    private final Set<Integer> toldCaughtUp = new HashSet<>();

    /** Where the next listing starts; null for a complete listing. Read by the worker thread. */
    @Nullable private volatile String listFrom;

    private Instant nextCompleteListing;

    public KinesisSourceEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context,
            StreamId stream,
            Configuration config,
            StreamProxy proxy,
            @Nullable KinesisSourceEnumeratorState restoredState) {
        this(context, stream, config, proxy, restoredState, Clock.systemUTC());
    }

    KinesisSourceEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context,
            StreamId stream,
            Configuration config,
            StreamProxy proxy,
            @Nullable KinesisSourceEnumeratorState restoredState,
            Clock clock) {
        this.context = context;
        this.stream = stream;
        this.proxy = proxy;
        this.clock = clock;
        this.discoveryInterval = config.get(KinesisSourceOptions.SHARD_DISCOVERY_INTERVAL);
        Instant refreshStart = KinesisSourceConfigValidator.refreshStartTime(config);
        this.refresh = refreshStart == null ? null : new RefreshProgress(refreshStart);
        if (restoredState == null) {
            this.initialPosition = InitialPositions.resolve(config, clock.instant());
            this.tracker = new ShardTracker();
        } else {
            this.initialPosition = restoredState.initialPosition();
            this.tracker = ShardTracker.restore(restoredState, stream);
            LOG.info(
                    "Restored enumerator of Kinesis stream {}: {} unfinished shard(s), {}"
                            + " finished, last seen shard {}, initial position {}.",
                    stream,
                    restoredState.splits().size(),
                    restoredState.finishedShardIds().size(),
                    restoredState.lastSeenShardId(),
                    initialPosition);
        }
        this.listFrom = null;
        this.nextCompleteListing = clock.instant();
    }

    @Override
    public void start() {
        LOG.info(
                "Discovering shards of Kinesis stream {} every {}; new shards of the first listing"
                        + " start at {}.",
                stream,
                TimeUtils.formatWithHighestUnit(discoveryInterval),
                tracker.initialDiscoveryDone() ? StartingPosition.fromStart() : initialPosition);
        context.callAsync(this::listShards, this::applyListing, 0, discoveryInterval.toMillis());
    }

    /** Runs on the worker thread. */
    private ShardListing listShards() {
        String from = listFrom;
        Instant startedAt = clock.instant();
        return new ShardListing(proxy.listShards(stream, from), from == null, startedAt);
    }

    /** Runs on the coordinator thread; throwing here fails the job. */
    private void applyListing(@Nullable ShardListing listing, @Nullable Throwable error) {
        if (error != null) {
            throw discoveryFailure(error);
        }
        List<KinesisShardSplit> added =
                tracker.addDiscovered(stream, listing.shards, initialPosition);
        if (!added.isEmpty()) {
            LOG.info(
                    "Discovered {} new shard(s) of Kinesis stream {}: {}",
                    added.size(),
                    stream,
                    added);
        }
        if (listing.complete) {
            int pruned =
                    tracker.pruneFinished(
                            listing.shards.stream()
                                    .map(ShardInfo::shardId)
                                    .collect(Collectors.toList()));
            if (pruned > 0) {
                LOG.info(
                        "Forgot {} finished shard(s) of Kinesis stream {} that expired.",
                        pruned,
                        stream);
            }
            nextCompleteListing = clock.instant().plus(COMPLETE_LISTING_INTERVAL);
        }
        listFrom = clock.instant().isBefore(nextCompleteListing) ? tracker.lastSeenShardId() : null;
        assignSplits();
        if (refresh != null) {
            refresh.listingApplied(listing.startedAt);
            checkRefreshCaughtUp();
        }
    }

    /**
     * Once the refresh caught up, tells every registered reader that was not told since it last
     * registered; until then, forgets who was told (the source may have to catch up again).
     */
    private void checkRefreshCaughtUp() {
        if (refresh == null) {
            return;
        }
        if (!refresh.isCaughtUp(tracker.unfinishedSplits(), tracker::isAssigned)) {
            toldCaughtUp.clear();
            return;
        }
        List<Integer> untold = new ArrayList<>(context.registeredReaders().keySet());
        untold.removeAll(toldCaughtUp);
        if (untold.isEmpty()) {
            return;
        }
        untold.sort(null);
        LOG.info(
                "Kinesis stream {} caught up with the refresh started at {}; telling readers {}.",
                stream,
                refresh.start(),
                untold);
        for (int reader : untold) {
            context.sendEventToSourceReader(reader, new RefreshCaughtUpEvent());
            toldCaughtUp.add(reader);
        }
    }

    private RuntimeException discoveryFailure(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof KinesisConnectorException) {
            return (KinesisConnectorException) cause;
        }
        return new KinesisConnectorException(
                "Could not list the shards of Kinesis stream '" + stream + "': " + cause, cause);
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        // Splits are pushed eagerly on discovery, registration and finished events.
    }

    @Override
    public void addSplitsBack(List<KinesisShardSplit> splits, int subtaskId) {
        LOG.info(
                "Reader {} failed; taking back shard(s) {} to assign again when it returns.",
                subtaskId,
                splits);
        tracker.returnSplits(splits);
        if (refresh != null) {
            refresh.readAgain(
                    splits.stream().map(KinesisShardSplit::shardId).collect(Collectors.toList()));
        }
        assignSplits();
    }

    @Override
    public void addReader(int subtaskId) {
        // A (re)registered reader starts with its gauge at 0: it must be told (again).
        toldCaughtUp.remove(subtaskId);
        if (refresh != null) {
            // A (re)started reader reads its shards again from its checkpoint.
            int parallelism = context.currentParallelism();
            refresh.readAgain(
                    tracker.unfinishedSplits().stream()
                            .filter(s -> ReaderSelector.readerFor(s, parallelism) == subtaskId)
                            .map(KinesisShardSplit::shardId)
                            .collect(Collectors.toList()));
        }
        assignSplits();
        checkRefreshCaughtUp();
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
        if (sourceEvent instanceof SplitsCaughtUpEvent && refresh != null) {
            Set<String> ids = ((SplitsCaughtUpEvent) sourceEvent).caughtUpSplitIds();
            LOG.info(
                    "Reader {} caught up shard(s) {} of Kinesis stream {}.",
                    subtaskId,
                    ids,
                    stream);
            refresh.caughtUp(ids);
            checkRefreshCaughtUp();
            return;
        }
        if (!(sourceEvent instanceof SplitsFinishedEvent)) {
            LOG.warn("Ignoring unknown source event {} from reader {}.", sourceEvent, subtaskId);
            return;
        }
        List<String> ids = new ArrayList<>(((SplitsFinishedEvent) sourceEvent).finishedSplitIds());
        ids.sort(null);
        for (String shardId : ids) {
            if (!tracker.markFinished(shardId)) {
                LOG.debug("Reader {} reported shard {} finished again.", subtaskId, shardId);
            }
        }
        LOG.info("Reader {} finished shard(s) {} of Kinesis stream {}.", subtaskId, ids, stream);
        assignSplits();
        checkRefreshCaughtUp();
    }

    /** Hands every assignable split to its reader, if that reader is registered. */
    private void assignSplits() {
        int parallelism = context.currentParallelism();
        Map<Integer, ReaderInfo> readers = context.registeredReaders();
        Map<Integer, List<KinesisShardSplit>> assignment = new TreeMap<>();
        for (KinesisShardSplit split : tracker.assignableSplits()) {
            int reader = ReaderSelector.readerFor(split, parallelism);
            if (readers.containsKey(reader)) {
                assignment.computeIfAbsent(reader, r -> new ArrayList<>()).add(split);
            }
        }
        if (assignment.isEmpty()) {
            return;
        }
        context.assignSplits(new SplitsAssignment<>(assignment));
        assignment.forEach(
                (reader, splits) -> {
                    splits.forEach(split -> tracker.markAssigned(split.shardId()));
                    LOG.info(
                            "Assigned shard(s) {} of Kinesis stream {} to reader {}.",
                            splits.stream()
                                    .map(s -> s.shardId() + "@" + s.startingPosition())
                                    .collect(Collectors.toList()),
                            stream,
                            reader);
                });
    }

    @Override
    public KinesisSourceEnumeratorState snapshotState(long checkpointId) {
        return tracker.snapshot(initialPosition);
    }

    @Override
    public void close() {
        proxy.close();
    }

    /** One listing and whether it was complete (no start shard given). */
    private static final class ShardListing {
        final List<ShardInfo> shards;
        final boolean complete;
        final Instant startedAt;

        ShardListing(List<ShardInfo> shards, boolean complete, Instant startedAt) {
            this.shards = shards;
            this.complete = complete;
            this.startedAt = startedAt;
        }
    }
}
