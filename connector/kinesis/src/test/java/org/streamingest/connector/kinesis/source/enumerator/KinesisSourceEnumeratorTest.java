package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions.InitialPosition;
import org.streamingest.connector.kinesis.source.event.SplitsFinishedEvent;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.connector.kinesis.testutils.FakeStreamProxy;
import org.streamingest.connector.kinesis.testutils.MutableClock;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisSourceEnumeratorTest {
    private static final String STREAM = "orders";
    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

    private final FakeStreamProxy proxy = new FakeStreamProxy();
    private final MutableClock clock = new MutableClock(START);
    private final Configuration config = new Configuration();
    private final List<MockSplitEnumeratorContext<KinesisShardSplit>> contexts = new ArrayList<>();
    private MockSplitEnumeratorContext<KinesisShardSplit> context;
    private KinesisSourceEnumerator enumerator;

    @AfterEach
    void closeContexts() throws Exception {
        for (MockSplitEnumeratorContext<KinesisShardSplit> c : contexts) {
            c.close();
        }
    }

    @Test
    void initialDiscoveryAssignsEveryShardFromTrimHorizonByHashRange() throws Throwable {
        // Given a 4-shard stream, one closed by a split, and two registered readers
        proxy.createStream(STREAM, 4);
        start(2, null);
        registerReaders(0, 1);

        // When the first discovery runs
        discover();

        // Then every open shard and the closed parent go to the reader of their key range
        assertThat(assignedIds()).isEqualTo(Map.of(0, ids(0, 1), 1, ids(2, 3)));
        assertThat(allAssignedSplits())
                .allMatch(s -> s.startingPosition().equals(StartingPosition.fromStart()));
    }

    @Test
    void closedShardsOfTheFirstListingAreReadBeforeTheirChildren() throws Throwable {
        proxy.createStream(STREAM, 2);
        proxy.splitShard(STREAM, id(0));
        start(2, null);
        registerReaders(0, 1);

        discover();

        assertThat(assignedIds()).isEqualTo(Map.of(0, ids(0), 1, ids(1)));
        // Both children cover reader 0's half of the key space, like their parent
        finish(0, id(0));
        assertThat(assignedIds()).isEqualTo(Map.of(0, ids(0, 2, 3), 1, ids(1)));
    }

    @Test
    void assignsOnlyToRegisteredReaders() throws Throwable {
        proxy.createStream(STREAM, 4);
        start(2, null);

        discover();
        assertThat(assignedIds()).isEmpty();

        registerReaders(1);
        assertThat(assignedIds()).isEqualTo(Map.of(1, ids(2, 3)));

        registerReaders(0);
        assertThat(assignedIds()).isEqualTo(Map.of(0, ids(0, 1), 1, ids(2, 3)));
    }

    @Test
    void childrenOfASplitStartAtTrimHorizonOnlyAfterTheParentFinished() throws Throwable {
        // Given shard 0 being read when it is split
        proxy.createStream(STREAM, 2);
        config.set(KinesisSourceOptions.INITIAL_POSITION, InitialPosition.LATEST);
        start(2, null);
        registerReaders(0, 1);
        discover();
        List<String> children = proxy.splitShard(STREAM, id(0));

        // When discovery finds the children, they wait for their parent
        discover();
        assertThat(assignedIds()).isEqualTo(Map.of(0, ids(0), 1, ids(1)));

        // Then the parent's finished event assigns them at once, from TRIM_HORIZON
        finish(0, id(0));
        assertThat(assignedIds()).isEqualTo(Map.of(0, ids(0, 2, 3), 1, ids(1)));
        assertThat(allAssignedSplits())
                .filteredOn(s -> children.contains(s.shardId()))
                .allMatch(s -> s.startingPosition().equals(StartingPosition.fromStart()));
    }

    @Test
    void mergedChildWaitsForBothParents() throws Throwable {
        proxy.createStream(STREAM, 4);
        start(2, null);
        registerReaders(0, 1);
        discover();
        String child = proxy.mergeShards(STREAM, id(1), id(2));
        discover();

        finish(0, id(1));
        assertThat(assignedShards()).doesNotContain(child);

        finish(1, id(2));
        assertThat(assignedShards()).contains(child);
    }

    @Test
    void parentsFinishBeforeChildrenStartAcrossUpdateShardCount() throws Throwable {
        // Given a stream scaled 4 -> 8 -> 4 while the source reads it
        proxy.createStream(STREAM, 4);
        start(2, null);
        registerReaders(0, 1);
        discover();
        proxy.updateShardCount(STREAM, 8);
        discover();
        proxy.updateShardCount(STREAM, 4);
        discover();

        // When readers finish whatever they hold, one shard at a time, until nothing is left
        Set<String> finished = new HashSet<>();
        List<String> order = new ArrayList<>();
        int checked = 0;
        while (true) {
            List<KinesisShardSplit> assigned = allAssignedSplits();
            // Then every newly assigned split's parents had finished before it was assigned
            for (KinesisShardSplit split : assigned.subList(checked, assigned.size())) {
                assertThat(finished).containsAll(split.parentShardIds());
            }
            checked = assigned.size();
            KinesisShardSplit next =
                    assigned.stream()
                            .filter(s -> !finished.contains(s.shardId()))
                            .filter(s -> proxyShardClosed(s.shardId()))
                            .findFirst()
                            .orElse(null);
            if (next == null) {
                break;
            }
            finished.add(next.shardId());
            order.add(next.shardId());
            finish(0, next.shardId());
        }

        // And all 16 shards were assigned exactly once; the 4 open ones remain being read
        assertThat(assignedShards()).hasSize(16).doesNotHaveDuplicates();
        assertThat(order).hasSize(12);
        assertThat(assignedIds().get(0)).contains(id(12), id(13));
        assertThat(assignedIds().get(1)).contains(id(14), id(15));
    }

    @Test
    void finishedShardsAreNotReadAgainWhenListShardsIgnoresItsFilter() throws Throwable {
        // Given kinesalite's ListShards, which returns every shard whatever the start id
        proxy.createStream(STREAM, 2).ignoreListShardsFilter(true);
        start(2, null);
        registerReaders(0, 1);
        discover();
        proxy.splitShard(STREAM, id(0));
        discover();
        finish(0, id(0));
        finish(0, id(2));

        // When discovery runs again, with a start id the server ignores
        discover();
        discover();

        // Then no shard is assigned twice
        assertThat(proxy.listShardsRequests()).containsExactly("", id(1), id(3), id(3));
        assertThat(assignedShards()).containsExactlyInAnyOrder(id(0), id(1), id(2), id(3));
        assertThat(enumerator.snapshotState(1).finishedShardIds())
                .containsExactlyInAnyOrder(id(0), id(2));
    }

    @Test
    void completeListingForgetsFinishedShardsThatExpired() throws Throwable {
        proxy.createStream(STREAM, 2);
        start(2, null);
        registerReaders(0, 1);
        discover();
        proxy.splitShard(STREAM, id(0));
        discover();
        finish(0, id(0));
        proxy.expireShard(STREAM, id(0));

        discover();
        assertThat(enumerator.snapshotState(1).finishedShardIds()).containsExactly(id(0));

        clock.advance(KinesisSourceEnumerator.COMPLETE_LISTING_INTERVAL);
        discover();
        discover();

        // The listing after the interval has passed is complete, and prunes
        assertThat(proxy.listShardsRequests()).containsExactly("", id(1), id(3), id(3), "");
        assertThat(enumerator.snapshotState(2).finishedShardIds()).isEmpty();
        assertThat(assignedShards()).containsExactlyInAnyOrder(id(0), id(1), id(2), id(3));
    }

    @Test
    void latestIsResolvedOnceAndSurvivesARestoreBeforeTheFirstListing() throws Throwable {
        // Given LATEST and a checkpoint taken before the first listing completed
        proxy.createStream(STREAM, 2);
        config.set(KinesisSourceOptions.INITIAL_POSITION, InitialPosition.LATEST);
        start(2, null);
        KinesisSourceEnumeratorState early = roundTrip(enumerator.snapshotState(1));

        // When the job restores from it later
        clock.advance(Duration.ofMinutes(5));
        start(2, early);
        registerReaders(0, 1);
        discover();

        // Then shards start at the original job start, not at the restore time
        assertThat(early.initialPosition()).isEqualTo(StartingPosition.atTimestamp(START));
        assertThat(allAssignedSplits())
                .hasSize(2)
                .allMatch(s -> s.startingPosition().equals(StartingPosition.atTimestamp(START)));
    }

    @Test
    void atTimestampStartsTheFirstListingAtTheConfiguredTime() throws Throwable {
        proxy.createStream(STREAM, 1);
        config.set(KinesisSourceOptions.INITIAL_POSITION, InitialPosition.AT_TIMESTAMP);
        config.set(KinesisSourceOptions.INITIAL_TIMESTAMP, "2026-11-01T13:00:00+01:00");
        start(1, null);
        registerReaders(0);

        discover();

        assertThat(allAssignedSplits().get(0).startingPosition())
                .isEqualTo(StartingPosition.atTimestamp(Instant.parse("2026-11-01T12:00:00Z")));
    }

    @Test
    void restoredStateContinuesWithoutReassigningOrRereading() throws Throwable {
        // Given a running source with only reader 0 registered: shard 0 split and finished,
        // its children 2 and 3 assigned to reader 0, shard 1 waiting for reader 1
        proxy.createStream(STREAM, 2).ignoreListShardsFilter(true);
        start(2, null);
        registerReaders(0);
        discover();
        proxy.splitShard(STREAM, id(0));
        discover();
        finish(0, id(0));
        KinesisSourceEnumeratorState state = roundTrip(enumerator.snapshotState(7));

        // When the job restores from that checkpoint with fresh readers
        start(2, state);
        registerReaders(0, 1);
        discover();

        // Then only the splits that were unassigned are assigned; nothing finished comes back
        assertThat(state.finishedShardIds()).containsExactly(id(0));
        assertThat(state.splits())
                .extracting(TrackedSplit::toString)
                .containsExactly(id(1) + "=UNASSIGNED", id(2) + "=ASSIGNED", id(3) + "=ASSIGNED");
        assertThat(assignedIds()).isEqualTo(Map.of(1, ids(1)));
        finish(0, id(3));
        discover();
        assertThat(assignedIds()).isEqualTo(Map.of(1, ids(1)));
        assertThat(enumerator.snapshotState(8).finishedShardIds())
                .containsExactlyInAnyOrder(id(0), id(3));
    }

    @Test
    void restoredReaderReportingAFinishedSplitAgainIsHarmless() throws Throwable {
        proxy.createStream(STREAM, 2);
        start(2, null);
        registerReaders(0, 1);
        discover();
        finish(0, id(0));

        finish(0, id(0));
        discover();

        assertThat(assignedShards()).containsExactlyInAnyOrder(id(0), id(1));
    }

    @Test
    void splitsAddedBackAreReassignedWithTheirPositionsWhenTheReaderReturns() throws Throwable {
        // Given reader 1 holding shards 2 and 3
        proxy.createStream(STREAM, 4);
        start(2, null);
        registerReaders(0, 1);
        discover();
        int assignmentsBefore = context.getSplitsAssignmentSequence().size();

        // When reader 1 fails and Flink returns its splits (as they were assigned, or progressed)
        context.unregisterReader(1);
        KinesisShardSplit progressed =
                split(2).withPosition(StartingPosition.afterSequenceNumber("0042"));
        enumerator.addSplitsBack(List.of(progressed, split(3)), 1);
        assertThat(context.getSplitsAssignmentSequence()).hasSize(assignmentsBefore);

        // Then they go back to reader 1 when it registers again, with the positions they carry
        registerReaders(1);
        SplitsAssignment<KinesisShardSplit> last = lastAssignment();
        assertThat(last.assignment()).containsOnlyKeys(1);
        assertThat(last.assignment().get(1)).containsExactly(progressed, split(3));
    }

    @Test
    void unknownStreamFailsTheJobWithTheProxysMessage() {
        start(1, null);

        assertThatThrownBy(this::discover)
                .isInstanceOf(StreamNotFoundException.class)
                .hasMessageContaining("Kinesis stream 'orders' does not exist")
                .hasMessageContaining("create the stream");
    }

    @Test
    void otherDiscoveryFailuresFailTheJobNamingTheStream() {
        proxy.createStream(STREAM, 1);
        proxy.failListShards(new IllegalStateException("connection refused"));
        start(1, null);

        assertThatThrownBy(this::discover)
                .isInstanceOf(KinesisConnectorException.class)
                .hasMessageContaining("Could not list the shards of Kinesis stream 'orders'")
                .hasMessageContaining("connection refused");
    }

    @Test
    void assignmentIsBalancedAndFollowsTheKeySpaceAfterResharding() throws Throwable {
        // Given 8 shards and 4 readers
        proxy.createStream(STREAM, 8);
        start(4, null);
        registerReaders(0, 1, 2, 3);
        discover();
        assertThat(assignedIds())
                .isEqualTo(Map.of(0, ids(0, 1), 1, ids(2, 3), 2, ids(4, 5), 3, ids(6, 7)));

        // When the stream is halved and every parent finishes
        proxy.updateShardCount(STREAM, 4);
        discover();
        for (int i = 0; i < 8; i++) {
            finish(i / 2, id(i));
        }

        // Then each reader gets the child that covers its part of the key space
        assertThat(assignedIds())
                .isEqualTo(
                        Map.of(
                                0, ids(0, 1, 8),
                                1, ids(2, 3, 9),
                                2, ids(4, 5, 10),
                                3, ids(6, 7, 11)));
    }

    @Test
    void readerSelectionSpreadsUnevenParallelism() {
        proxy.createStream(STREAM, 6);
        List<Integer> readers =
                proxy.listShards(StreamId.of(STREAM), null).stream()
                        .map(
                                s ->
                                        ReaderSelector.readerFor(
                                                new KinesisShardSplit(
                                                        StreamId.of(STREAM),
                                                        s.shardId(),
                                                        StartingPosition.fromStart(),
                                                        List.of(),
                                                        s.startingHashKey(),
                                                        s.endingHashKey(),
                                                        false),
                                                3))
                        .collect(Collectors.toList());

        assertThat(readers).containsExactly(0, 0, 1, 1, 2, 2);
    }

    @Test
    void closeClosesTheProxy() {
        start(1, null);

        enumerator.close();

        assertThat(proxy.isClosed()).isTrue();
    }

    // ---------------------------------------------------------------------------------------

    private void start(int parallelism, KinesisSourceEnumeratorState state) {
        context = new MockSplitEnumeratorContext<>(parallelism);
        contexts.add(context);
        enumerator =
                new KinesisSourceEnumerator(
                        context, StreamId.of(STREAM), config, proxy, state, clock);
        enumerator.start();
    }

    private void registerReaders(int... subtasks) {
        for (int subtask : subtasks) {
            context.registerReader(new ReaderInfo(subtask, "localhost"));
            enumerator.addReader(subtask);
        }
    }

    private void discover() throws Throwable {
        context.runPeriodicCallable(0);
    }

    private void finish(int subtask, String... shardIds) {
        enumerator.handleSourceEvent(subtask, new SplitsFinishedEvent(Set.of(shardIds)));
    }

    private boolean proxyShardClosed(String shardId) {
        return proxy.listShards(StreamId.of(STREAM), null).stream()
                .anyMatch(s -> s.shardId().equals(shardId) && s.closed());
    }

    private List<KinesisShardSplit> allAssignedSplits() {
        List<KinesisShardSplit> splits = new ArrayList<>();
        for (SplitsAssignment<KinesisShardSplit> a : context.getSplitsAssignmentSequence()) {
            a.assignment().values().forEach(splits::addAll);
        }
        return splits;
    }

    private List<String> assignedShards() {
        return allAssignedSplits().stream()
                .map(KinesisShardSplit::shardId)
                .collect(Collectors.toList());
    }

    /** Reader to every shard id it was given so far, sorted. */
    private Map<Integer, List<String>> assignedIds() {
        Map<Integer, List<String>> result = new TreeMap<>();
        for (SplitsAssignment<KinesisShardSplit> a : context.getSplitsAssignmentSequence()) {
            a.assignment()
                    .forEach(
                            (reader, splits) ->
                                    splits.forEach(
                                            s ->
                                                    result.computeIfAbsent(
                                                                    reader, r -> new ArrayList<>())
                                                            .add(s.shardId())));
        }
        result.values().forEach(l -> l.sort(null));
        return result;
    }

    private SplitsAssignment<KinesisShardSplit> lastAssignment() {
        List<SplitsAssignment<KinesisShardSplit>> all = context.getSplitsAssignmentSequence();
        return all.get(all.size() - 1);
    }

    private KinesisShardSplit split(int n) {
        return allAssignedSplits().stream()
                .filter(s -> s.shardId().equals(id(n)))
                .findFirst()
                .orElseThrow();
    }

    private static KinesisSourceEnumeratorState roundTrip(KinesisSourceEnumeratorState state)
            throws Exception {
        KinesisSourceEnumeratorStateSerializer serializer =
                new KinesisSourceEnumeratorStateSerializer();
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
    }

    private static String id(int n) {
        return String.format("shardId-%012d", n);
    }

    private static List<String> ids(int... numbers) {
        List<String> ids = new ArrayList<>();
        for (int n : numbers) {
            ids.add(id(n));
        }
        return ids;
    }
}
