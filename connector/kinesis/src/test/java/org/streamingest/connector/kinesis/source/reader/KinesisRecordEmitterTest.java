package org.streamingest.connector.kinesis.source.reader;

import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.KinesisDeserializationSchema;
import org.streamingest.connector.kinesis.source.ShardContext;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisRecordEmitterTest {
    private static final StreamId STREAM =
            StreamId.of("arn:aws:kinesis:us-east-1:000000000000:stream/orders");
    private static final Instant REFRESH = Instant.parse("2026-11-21T10:00:00Z");

    private final TimestampedOutput output = new TimestampedOutput();
    private final KinesisShardSplitState state =
            new KinesisShardSplitState(
                    new KinesisShardSplit(
                            STREAM,
                            "shardId-000000000001",
                            StartingPosition.afterSequenceNumber("100"),
                            List.of(),
                            BigInteger.ZERO,
                            BigInteger.ONE,
                            false));

    @Test
    void deserializesWithShardContextAndArrivalTimeThenAdvancesThePosition() throws Exception {
        KinesisRecordEmitter<String> emitter = emitter(MemorySize.parse("1kb"));

        emitter.emitRecord(record("101", "hello"), output, state);

        // Two values per record: the schema may emit several, all stamped with the arrival time
        assertThat(output.values)
                .containsExactly(
                        "hello|orders|shardId-000000000001|2026-11-21T10:00:00Z@1700000000101",
                        "second@1700000000101");
        assertThat(state.nextPosition()).isEqualTo(StartingPosition.afterSequenceNumber("101"));
        assertThat(state.toSplit().startingPosition())
                .isEqualTo(StartingPosition.afterSequenceNumber("101"));
    }

    @Test
    void oversizedRecordIsRejectedAndThePositionStaysBeforeIt() {
        KinesisRecordEmitter<String> emitter = emitter(MemorySize.parse("16b"));
        KinesisRecord big = record("101", "x".repeat(17));

        assertThatThrownBy(() -> emitter.emitRecord(big, output, state))
                .isInstanceOf(KinesisConnectorException.class)
                .hasMessage(
                        "Record 101 of shard shardId-000000000001 in stream 'orders' has a payload"
                                + " of 17 bytes, more than the 16 bytes allowed by"
                                + " 'scan.record.max-size'. Raise 'scan.record.max-size' (Kinesis"
                                + " allows up to 10 MiB) and restart the job: it resumes at this"
                                + " record, so nothing read before it is lost and nothing is"
                                + " skipped.");
        assertThat(output.values).isEmpty();
        assertThat(state.nextPosition()).isEqualTo(StartingPosition.afterSequenceNumber("100"));
    }

    @Test
    void recordOfExactlyTheLimitIsAccepted() throws Exception {
        emitter(MemorySize.parse("16b")).emitRecord(record("101", "x".repeat(16)), output, state);

        assertThat(state.nextPosition()).isEqualTo(StartingPosition.afterSequenceNumber("101"));
    }

    private static KinesisRecordEmitter<String> emitter(MemorySize maxSize) {
        return new KinesisRecordEmitter<>(new DescribingSchema(), () -> REFRESH, maxSize);
    }

    private static KinesisRecord record(String seq, String payload) {
        return new KinesisRecord(
                "pk",
                seq,
                Instant.ofEpochMilli(1_700_000_000_000L + Long.parseLong(seq)),
                payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Emits the payload with the shard context, then a second value. */
    private static final class DescribingSchema implements KinesisDeserializationSchema<String> {
        @Override
        public void deserialize(KinesisRecord record, ShardContext shard, Collector<String> out) {
            out.collect(
                    new String(record.data(), StandardCharsets.UTF_8)
                            + "|"
                            + shard.stream().name()
                            + "|"
                            + shard.shardId()
                            + "|"
                            + shard.refreshTime());
            out.collect("second");
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    /** Records each value with its timestamp. */
    private static final class TimestampedOutput implements SourceOutput<String> {
        final List<String> values = new ArrayList<>();

        @Override
        public void collect(String record) {
            throw new AssertionError("records must carry their arrival time");
        }

        @Override
        public void collect(String record, long timestamp) {
            values.add(record + "@" + timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
