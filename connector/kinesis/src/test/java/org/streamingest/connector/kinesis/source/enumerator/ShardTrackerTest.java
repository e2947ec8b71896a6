package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.proxy.ShardInfo;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTrackerTest {
    private static final StreamId STREAM = StreamId.of("orders");
    private static final StartingPosition INITIAL =
            StartingPosition.atTimestamp(Instant.parse("2026-11-21T10:00:00Z"));

    private final ShardTracker tracker = new ShardTracker();

    @Test
    void firstListingStartsAtInitialPositionLaterOnesAtTrimHorizon() {
        List<KinesisShardSplit> first =
                tracker.addDiscovered(STREAM, List.of(shard(1), shard(0)), INITIAL);
        List<KinesisShardSplit> second =
                tracker.addDiscovered(STREAM, List.of(shard(0), shard(1), shard(2, 0)), INITIAL);

        assertThat(first).extracting(KinesisShardSplit::shardId).containsExactly(id(0), id(1));
        assertThat(first).allMatch(s -> s.startingPosition().equals(INITIAL));
        assertThat(second).extracting(KinesisShardSplit::shardId).containsExactly(id(2));
        assertThat(second.get(0).startingPosition()).isEqualTo(StartingPosition.fromStart());
        assertThat(second.get(0).parentShardIds()).containsExactly(id(0));
        assertThat(tracker.lastSeenShardId()).isEqualTo(id(2));
    }

    @Test
    void emptyListingDoesNotEndInitialDiscovery() {
        tracker.addDiscovered(STREAM, List.of(), INITIAL);
        List<KinesisShardSplit> added = tracker.addDiscovered(STREAM, List.of(shard(0)), INITIAL);

        assertThat(added.get(0).startingPosition()).isEqualTo(INITIAL);
    }

    @Test
    void finishedShardListedAgainIsNeverAddedAgain() {
        // Given a shard that was read to its end
        tracker.addDiscovered(STREAM, List.of(shard(0), shard(1)), INITIAL);
        tracker.markAssigned(id(0));
        tracker.markFinished(id(0));

        // When a server that ignores the ListShards filter lists it again
        List<KinesisShardSplit> added =
                tracker.addDiscovered(STREAM, List.of(shard(0), shard(1)), INITIAL);

        // Then it is neither added nor assignable
        assertThat(added).isEmpty();
        assertThat(ids(tracker.assignableSplits())).containsExactly(id(1));
        assertThat(tracker.finishedShardIds()).containsExactly(id(0));
    }

    @Test
    void childIsAssignableOnlyAfterEveryParentFinished() {
        // Given shards 0 and 1 merged into 2, and 2 split into 3 and 4
        tracker.addDiscovered(
                STREAM,
                List.of(shard(0), shard(1), shard(2, 0, 1), shard(3, 2), shard(4, 2)),
                INITIAL);

        assertThat(ids(tracker.assignableSplits())).containsExactly(id(0), id(1));
        tracker.markAssigned(id(0));
        tracker.markAssigned(id(1));

        tracker.markFinished(id(0));
        assertThat(tracker.assignableSplits()).isEmpty();

        tracker.markFinished(id(1));
        assertThat(ids(tracker.assignableSplits())).containsExactly(id(2));

        tracker.markAssigned(id(2));
        tracker.markFinished(id(2));
        assertThat(ids(tracker.assignableSplits())).containsExactly(id(3), id(4));
    }

    @Test
    void parentThatExpiredBeforeItWasListedDoesNotBlockItsChild() {
        // Shard 0 expired past retention; only its child 2 and shard 1 are listed.
        tracker.addDiscovered(STREAM, List.of(shard(1), shard(2, 0)), INITIAL);

        assertThat(ids(tracker.assignableSplits())).containsExactly(id(1), id(2));
    }

    @Test
    void assignedSplitIsNotAssignableAgain() {
        tracker.addDiscovered(STREAM, List.of(shard(0), shard(1)), INITIAL);
        tracker.markAssigned(id(0));

        assertThat(ids(tracker.assignableSplits())).containsExactly(id(1));
        assertThat(tracker.isAssigned(id(0))).isTrue();
        assertThatThrownBy(() -> tracker.markAssigned(id(7)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(id(7));
    }

    @Test
    void completeListingPrunesOnlyFinishedShardsThatAreGone() {
        tracker.addDiscovered(STREAM, List.of(shard(0), shard(1), shard(2, 0)), INITIAL);
        tracker.markFinished(id(0));
        tracker.markFinished(id(1));

        int pruned = tracker.pruneFinished(List.of(id(1), id(2)));

        assertThat(pruned).isEqualTo(1);
        assertThat(tracker.finishedShardIds()).containsExactly(id(1));
        // The child of the forgotten (expired) parent stays assignable.
        assertThat(ids(tracker.assignableSplits())).containsExactly(id(2));
    }

    @Test
    void forgottenShardListedAgainByAFlakyServerIsIgnored() {
        tracker.addDiscovered(STREAM, List.of(shard(0), shard(1)), INITIAL);
        tracker.markFinished(id(0));
        tracker.pruneFinished(List.of(id(1)));

        List<KinesisShardSplit> added =
                tracker.addDiscovered(STREAM, List.of(shard(0), shard(1), shard(2, 1)), INITIAL);

        assertThat(ids(added)).containsExactly(id(2));
    }

    @Test
    void returnedSplitsAreUnassignedWithTheirPositionAndNoLongerFinished() {
        // Given a reader that held shards 0 and 1 and reported 0 finished after its checkpoint
        tracker.addDiscovered(STREAM, List.of(shard(0), shard(1)), INITIAL);
        tracker.markAssigned(id(0));
        tracker.markAssigned(id(1));
        tracker.markFinished(id(0));
        KinesisShardSplit first = split(0).withPosition(StartingPosition.afterSequenceNumber("7"));
        KinesisShardSplit second =
                split(1).withPosition(StartingPosition.afterSequenceNumber("42"));

        // When the reader fails and Flink returns both splits
        tracker.returnSplits(List.of(first, second));

        // Then both are assignable again with the positions they carry
        assertThat(tracker.finishedShardIds()).isEmpty();
        assertThat(tracker.assignableSplits()).containsExactly(first, second);
    }

    @Test
    void snapshotAndRestoreKeepEverything() {
        tracker.addDiscovered(STREAM, List.of(shard(0), shard(1), shard(2, 0)), INITIAL);
        tracker.markAssigned(id(0));
        tracker.markAssigned(id(1));
        tracker.markFinished(id(0));

        KinesisSourceEnumeratorState state = tracker.snapshot(INITIAL);
        ShardTracker restored = ShardTracker.restore(state, STREAM);

        assertThat(state.splits())
                .extracting(TrackedSplit::toString)
                .containsExactly(id(1) + "=ASSIGNED", id(2) + "=UNASSIGNED");
        assertThat(state.finishedShardIds()).containsExactly(id(0));
        assertThat(state.lastSeenShardId()).isEqualTo(id(2));
        assertThat(restored.snapshot(INITIAL)).isEqualTo(state);
        assertThat(ids(restored.assignableSplits())).containsExactly(id(2));
    }

    @Test
    void restoreRejectsStateOfAnotherStream() {
        tracker.addDiscovered(STREAM, List.of(shard(0)), INITIAL);
        KinesisSourceEnumeratorState state = tracker.snapshot(INITIAL);

        assertThatThrownBy(() -> ShardTracker.restore(state, StreamId.of("payments")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'orders'")
                .hasMessageContaining("'payments'");
    }

    @Test
    void restoreReaddressesSplitsByTheConfiguredArn() {
        tracker.addDiscovered(STREAM, List.of(shard(0)), INITIAL);
        StreamId byArn = StreamId.of("arn:aws:kinesis:us-east-1:000000000000:stream/orders");

        ShardTracker restored = ShardTracker.restore(tracker.snapshot(INITIAL), byArn);

        assertThat(restored.assignableSplits().get(0).stream()).isEqualTo(byArn);
    }

    private static String id(int n) {
        return String.format("shardId-%012d", n);
    }

    private static ShardInfo shard(int n, int... parents) {
        return new ShardInfo(
                id(n),
                parents.length > 0 ? id(parents[0]) : null,
                parents.length > 1 ? id(parents[1]) : null,
                BigInteger.valueOf(n * 100L),
                BigInteger.valueOf(n * 100L + 99),
                false);
    }

    private static KinesisShardSplit split(int n) {
        return new KinesisShardSplit(
                STREAM,
                id(n),
                INITIAL,
                List.of(),
                BigInteger.valueOf(n * 100L),
                BigInteger.valueOf(n * 100L + 99),
                false);
    }

    private static List<String> ids(List<KinesisShardSplit> splits) {
        return splits.stream().map(KinesisShardSplit::shardId).collect(Collectors.toList());
    }
}
