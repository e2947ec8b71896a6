package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.connector.kinesis.testutils.GoldenFiles;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisSourceEnumeratorStateSerializerTest {
    private static final BigInteger QUARTER = BigInteger.ONE.shiftLeft(126);
    private static final StreamId STREAM = StreamId.of("orders");

    private final KinesisSourceEnumeratorStateSerializer serializer =
            new KinesisSourceEnumeratorStateSerializer();

    @Test
    void roundTripsStateWithEveryPositionTypeAndStatus() throws IOException {
        KinesisSourceEnumeratorState state = goldenState();

        KinesisSourceEnumeratorState copy =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(copy).isEqualTo(state);
        assertThat(copy.splits())
                .extracting(t -> t.split().startingPosition().type())
                .containsExactly(StartingPosition.Type.values());
        assertThat(copy.finishedShardIds())
                .containsExactly("shardId-000000000000", "shardId-000000000002");
    }

    @Test
    void roundTripsStateTakenBeforeTheFirstListing() throws IOException {
        KinesisSourceEnumeratorState state =
                new KinesisSourceEnumeratorState(
                        List.of(),
                        Set.of(),
                        null,
                        StartingPosition.atTimestamp(Instant.parse("2026-11-21T10:00:00Z")));

        KinesisSourceEnumeratorState copy = serializer.deserialize(1, serializer.serialize(state));

        assertThat(copy).isEqualTo(state);
        assertThat(copy.lastSeenShardId()).isNull();
    }

    @Test
    void readsCommittedVersion1State() throws IOException {
        // Written by version 1; every later serializer version must still read it.
        byte[] golden = GoldenFiles.read("kinesis-enumerator-state-v1.bin");

        assertThat(serializer.deserialize(1, golden)).isEqualTo(goldenState());
        assertThat(serializer.getVersion()).isEqualTo(1);
        assertThat(serializer.serialize(goldenState())).isEqualTo(golden);
    }

    @Test
    void rejectsUnknownVersionWithClearMessage() throws IOException {
        byte[] bytes = serializer.serialize(goldenState());

        assertThatThrownBy(() -> serializer.deserialize(7, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 7")
                .hasMessageContaining("reads version 1");
    }

    @Test
    void rejectsTruncatedState() throws IOException {
        byte[] bytes = serializer.serialize(goldenState());
        byte[] truncated = Arrays.copyOf(bytes, 9);

        assertThatThrownBy(() -> serializer.deserialize(1, truncated))
                .isInstanceOf(IOException.class);
    }

    /** The state in {@code kinesis-enumerator-state-v1.bin}. */
    static KinesisSourceEnumeratorState goldenState() {
        return new KinesisSourceEnumeratorState(
                List.of(
                        tracked(
                                "shardId-000000000001",
                                StartingPosition.fromStart(),
                                List.of(),
                                TrackedSplit.Status.ASSIGNED),
                        tracked(
                                "shardId-000000000003",
                                StartingPosition.atTimestamp(
                                        Instant.parse("2026-11-01T12:00:00.5Z")),
                                List.of(),
                                TrackedSplit.Status.ASSIGNED),
                        tracked(
                                "shardId-000000000004",
                                StartingPosition.afterSequenceNumber(
                                        "49680441565771026555844957579309274751787627880449572914"),
                                List.of("shardId-000000000000"),
                                TrackedSplit.Status.ASSIGNED),
                        tracked(
                                "shardId-000000000005",
                                StartingPosition.atSequenceNumber(
                                        "49680441565704124320249365709883458671150068166756925442"),
                                List.of("shardId-000000000000"),
                                TrackedSplit.Status.UNASSIGNED),
                        tracked(
                                "shardId-000000000006",
                                StartingPosition.latest(),
                                List.of("shardId-000000000002", "shardId-000000000003"),
                                TrackedSplit.Status.UNASSIGNED)),
                Set.of("shardId-000000000002", "shardId-000000000000"),
                "shardId-000000000006",
                StartingPosition.atTimestamp(Instant.parse("2026-11-01T12:00:00.5Z")));
    }

    private static TrackedSplit tracked(
            String shardId,
            StartingPosition position,
            List<String> parents,
            TrackedSplit.Status status) {
        int index = Integer.parseInt(shardId.substring(shardId.length() - 1)) % 4;
        BigInteger start = QUARTER.multiply(BigInteger.valueOf(index));
        KinesisShardSplit split =
                new KinesisShardSplit(
                        STREAM,
                        shardId,
                        position,
                        parents,
                        start,
                        start.add(QUARTER).subtract(BigInteger.ONE),
                        false);
        return new TrackedSplit(split, status);
    }
}
