package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions.InitialPosition;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.api.connector.source.SplitsAssignment;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Initial positions, restore, partial failover, failures and shutdown. */
class KinesisSourceEnumeratorRecoveryTest extends KinesisSourceEnumeratorTestBase {

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
    void closeClosesTheProxy() {
        start(1, null);

        enumerator.close();

        assertThat(proxy.isClosed()).isTrue();
    }
}
