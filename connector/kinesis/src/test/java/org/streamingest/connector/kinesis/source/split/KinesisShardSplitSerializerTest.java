package org.streamingest.connector.kinesis.source.split;

import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.testutils.GoldenFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisShardSplitSerializerTest {
    private static final BigInteger MAX_HASH =
            BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private final KinesisShardSplitSerializer serializer = new KinesisShardSplitSerializer();

    /** Every position type, with a nanosecond timestamp and a 56-digit sequence number. */
    static Stream<StartingPosition> positions() {
        return Stream.of(
                StartingPosition.fromStart(),
                StartingPosition.latest(),
                StartingPosition.atTimestamp(Instant.parse("2026-11-21T22:17:54.839123456Z")),
                StartingPosition.afterSequenceNumber(
                        "49680441565771026555844957579309274751787627880449572914"),
                StartingPosition.atSequenceNumber(
                        "49680441565704124320249365709883458671150068166756925442"));
    }

    @ParameterizedTest
    @MethodSource("positions")
    void roundTripsEveryStartingPosition(StartingPosition position) throws IOException {
        KinesisShardSplit split =
                new KinesisShardSplit(
                        StreamId.of("orders"),
                        "shardId-000000000004",
                        position,
                        List.of("shardId-000000000000"),
                        BigInteger.ZERO,
                        MAX_HASH,
                        false);

        KinesisShardSplit copy = roundTrip(split);

        assertThat(copy).isEqualTo(split);
        assertThat(copy.startingPosition()).isEqualTo(position);
    }

    @Test
    void roundTripsArnNoParentsAndFinished() throws IOException {
        KinesisShardSplit split =
                new KinesisShardSplit(
                        StreamId.of("arn:aws:kinesis:eu-west-1:123456789012:stream/orders"),
                        "shardId-000000000000",
                        StartingPosition.fromStart(),
                        List.of(),
                        new BigInteger("170141183460469231731687303715884105728"),
                        MAX_HASH,
                        true);

        KinesisShardSplit copy = roundTrip(split);

        assertThat(copy).isEqualTo(split);
        assertThat(copy.stream().arn())
                .isEqualTo("arn:aws:kinesis:eu-west-1:123456789012:stream/orders");
        assertThat(copy.finished()).isTrue();
    }

    @Test
    void readsCommittedVersion1Splits() throws IOException {
        // The fixtures were written by version 1. Every later serializer version must still read
        // them; only the re-serialization check changes once CURRENT_VERSION moves on.
        assertThat(serializer.deserialize(1, GoldenFiles.read("kinesis-shard-split-v1-arn.bin")))
                .isEqualTo(goldenArnSplit());
        assertThat(serializer.deserialize(1, GoldenFiles.read("kinesis-shard-split-v1-name.bin")))
                .isEqualTo(goldenNameSplit());
        assertThat(serializer.getVersion()).isEqualTo(1);
        assertThat(serializer.serialize(goldenArnSplit()))
                .isEqualTo(GoldenFiles.read("kinesis-shard-split-v1-arn.bin"));
    }

    @Test
    void rejectsUnknownVersionWithClearMessage() throws IOException {
        byte[] bytes = serializer.serialize(goldenNameSplit());

        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2")
                .hasMessageContaining("reads version 1");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] bytes = serializer.serialize(goldenNameSplit());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> serializer.deserialize(1, longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("3 unexpected trailing bytes");
    }

    /** The split in {@code kinesis-shard-split-v1-arn.bin}. */
    static KinesisShardSplit goldenArnSplit() {
        return new KinesisShardSplit(
                StreamId.of("arn:aws:kinesis:us-east-1:000000000000:stream/orders"),
                "shardId-000000000006",
                StartingPosition.atTimestamp(Instant.parse("2026-11-01T12:00:00.123456789Z")),
                List.of("shardId-000000000002", "shardId-000000000003"),
                new BigInteger("170141183460469231731687303715884105728"),
                MAX_HASH,
                true);
    }

    /** The split in {@code kinesis-shard-split-v1-name.bin}. */
    static KinesisShardSplit goldenNameSplit() {
        return new KinesisShardSplit(
                StreamId.of("orders"),
                "shardId-000000000001",
                StartingPosition.afterSequenceNumber(
                        "49680441565771026555844957579309274751787627880449572914"),
                List.of(),
                BigInteger.ZERO,
                new BigInteger("85070591730234615865843651857942052863"),
                false);
    }

    private KinesisShardSplit roundTrip(KinesisShardSplit split) throws IOException {
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
    }
}
