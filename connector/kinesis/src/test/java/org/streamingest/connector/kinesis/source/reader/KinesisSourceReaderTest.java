package org.streamingest.connector.kinesis.source.reader;

import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.KinesisDeserializationSchema;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.ShardContext;
import org.streamingest.connector.kinesis.source.event.SplitsFinishedEvent;
import org.streamingest.connector.kinesis.source.reader.polling.PollingShardSplitReader;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.connector.kinesis.testutils.FakeRecordsProxy;
import org.streamingest.connector.kinesis.testutils.FakeRecordsProxy.EndShape;
import org.streamingest.connector.kinesis.testutils.MutableClock;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.GenericMetricGroup;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class KinesisSourceReaderTest {
    private static final StreamId STREAM = StreamId.of("orders");
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private final FakeRecordsProxy proxy = new FakeRecordsProxy(STREAM);
    private final MutableClock clock = new MutableClock(T0);
    private final List<Harness> open = new ArrayList<>();

    @AfterEach
    void closeReaders() throws Exception {
        for (Harness h : List.copyOf(open)) {
            h.close();
        }
    }

    @Test
    void readsEveryShardInOrderAndReportsFinishedShards() throws Exception {
        proxy.put("a", "a1", "a2", "a3");
        proxy.closeShard("a", EndShape.WITH_LAST_RECORDS);
        proxy.put("b", "b1", "b2");
        proxy.closeShard("b", EndShape.ON_EMPTY_PAGE);
        Harness h = start(config(2));

        h.reader.addSplits(List.of(split("a"), split("b")));
        h.pollUntil(() -> finishedIds(h.context).size() == 2);

        assertThat(h.payloads("a")).containsExactly("a1", "a2", "a3");
        assertThat(h.payloads("b")).containsExactly("b1", "b2");
        assertThat(finishedIds(h.context)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void restoreFromAMidShardCheckpointContinuesAfterTheLastEmittedRecord() throws Exception {
        // Given a reader that emitted 3 of 10 records (it may have fetched more)
        List<KinesisRecord> records =
                proxy.put("a", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        Harness first = start(config(4));
        first.reader.addSplits(List.of(split("a")));
        first.pollRecords(3);

        // When it checkpoints, and a new reader is restored from that checkpoint
        List<KinesisShardSplit> checkpoint = first.reader.snapshotState(1);
        first.close();
        int callsBeforeRestore = proxy.calls().size();
        Harness restored = start(config(4));
        restored.reader.addSplits(checkpoint);
        restored.pollRecords(7);

        // Then the checkpoint holds the position after record 3 and the restored reader starts
        // there: together both emitted every record exactly once
        StartingPosition afterThird =
                StartingPosition.afterSequenceNumber(records.get(2).sequenceNumber());
        assertThat(checkpoint).containsExactly(split("a").withPosition(afterThird));
        assertThat(proxy.calls().get(callsBeforeRestore).position()).isEqualTo(afterThird);
        assertThat(first.payloads("a")).containsExactly("1", "2", "3");
        assertThat(restored.payloads("a")).containsExactly("4", "5", "6", "7", "8", "9", "10");
    }

    @Test
    void finishedSplitStaysInSnapshotsUntilACheckpointHoldingItCompletes() throws Exception {
        List<KinesisRecord> records = proxy.put("a", "1", "2");
        proxy.closeShard("a", EndShape.WITH_LAST_RECORDS);
        Harness h = start(config(10));
        h.reader.addSplits(List.of(split("a")));
        h.pollUntil(() -> !finishedIds(h.context).isEmpty());
        KinesisShardSplit finished =
                split("a")
                        .withPosition(
                                StartingPosition.afterSequenceNumber(
                                        records.get(1).sequenceNumber()))
                        .asFinished();

        // The split finished before checkpoint 1: 1 holds it, and so does 2 while 1 is pending
        assertThat(h.reader.snapshotState(1)).containsExactly(finished);
        assertThat(h.reader.snapshotState(2)).containsExactly(finished);

        h.reader.notifyCheckpointComplete(1);

        assertThat(h.reader.snapshotState(3)).isEmpty();
    }

    @Test
    void splitFinishedAfterASnapshotIsKeptWhenThatCheckpointCompletesLater() throws Exception {
        // FLINK-37627: the split finishes between snapshot 1 and the completion of checkpoint 1
        proxy.put("a", "1");
        Harness h = start(config(10));
        h.reader.addSplits(List.of(split("a")));
        h.pollRecords(1);
        assertThat(h.reader.snapshotState(1))
                .extracting(KinesisShardSplit::finished)
                .containsExactly(false);
        proxy.closeShard("a", EndShape.ON_EMPTY_PAGE);
        h.pollUntil(() -> !finishedIds(h.context).isEmpty());

        h.reader.notifyCheckpointComplete(1);

        // Checkpoint 1 did not hold the finished split, so 2 must
        assertThat(h.reader.snapshotState(2))
                .extracting(KinesisShardSplit::finished)
                .containsExactly(true);
        h.reader.notifyCheckpointComplete(2);
        assertThat(h.reader.snapshotState(3)).isEmpty();
    }

    @Test
    void restoredFinishedSplitIsReportedAgainAndNotRead() throws Exception {
        proxy.put("a", "1");
        proxy.put("b", "b1");
        KinesisShardSplit finished = split("a").asFinished();
        Harness h = start(config(10));

        h.reader.addSplits(List.of(finished, split("b")));
        h.pollRecords(1);

        assertThat(h.context.getSentEvents())
                .first()
                .isInstanceOfSatisfying(
                        SplitsFinishedEvent.class,
                        e -> assertThat(e.finishedSplitIds()).containsExactly("a"));
        assertThat(proxy.callsFor("a")).isEmpty();
        assertThat(h.payloads("b")).containsExactly("b1");
        assertThat(h.reader.snapshotState(1)).contains(finished);
        h.reader.notifyCheckpointComplete(1);
        assertThat(h.reader.snapshotState(2)).doesNotContain(finished);
    }

    @Test
    void oversizedRecordFailsTheReaderWithThePositionBeforeIt() throws Exception {
        Configuration config = config(10);
        config.set(KinesisSourceOptions.RECORD_MAX_SIZE, MemorySize.parse("8b"));
        List<KinesisRecord> records = proxy.put("a", "small", "much too large", "after");
        Harness h = start(config);
        h.reader.addSplits(List.of(split("a")));
        h.pollRecords(1);

        assertThatThrownBy(() -> h.pollRecords(2))
                .isInstanceOf(KinesisConnectorException.class)
                .hasMessageContaining(records.get(1).sequenceNumber())
                .hasMessageContaining("shard a in stream 'orders'")
                .hasMessageContaining("payload of 14 bytes, more than the 8 bytes")
                .hasMessageContaining("Raise 'scan.record.max-size'");

        assertThat(h.payloads("a")).containsExactly("small");
        assertThat(h.reader.snapshotState(1))
                .extracting(KinesisShardSplit::startingPosition)
                .containsExactly(
                        StartingPosition.afterSequenceNumber(records.get(0).sequenceNumber()));
    }

    @Test
    void refreshTimeIsOneInstantPerSpanAndRestartsAtEachCheckpoint() throws Exception {
        proxy.put("a", "1", "2", "3", "4");
        Harness h = start(config(10));
        h.reader.addSplits(List.of(split("a")));

        h.pollRecords(1);
        clock.advance(Duration.ofSeconds(30)); // time passes within the span
        h.pollRecords(2);
        clock.advance(Duration.ofSeconds(30));
        h.reader.snapshotState(1); // a new span starts now, at T0 + 60 s
        clock.advance(Duration.ofSeconds(30));
        h.pollRecords(4);

        assertThat(h.output.getEmittedRecords())
                .extracting(Emitted::refreshTime)
                .containsExactly(T0, T0, T0.plusSeconds(60), T0.plusSeconds(60));
    }

    @Test
    void shardLagGaugeLivesAsLongAsItsSplit() throws Exception {
        Map<String, Metric> metrics = new ConcurrentHashMap<>();
        MetricGroup root =
                new GenericMetricGroup(
                        TestingMetricRegistry.builder()
                                .setDelimiter('.')
                                .setRegisterConsumer(
                                        (m, name, g) -> metrics.put(g.getMetricIdentifier(name), m))
                                .setUnregisterConsumer(
                                        (m, name, g) -> metrics.remove(g.getMetricIdentifier(name)))
                                .build(),
                        null,
                        "reader");
        String gauge = "reader.KinesisSource.orders.a.millisBehindLatest";
        proxy.put("a", "1");
        proxy.millisBehindLatest("a", 4200);
        Harness h =
                start(
                        config(10),
                        new TestingReaderContext(
                                new Configuration(), InternalSourceReaderMetricGroup.mock(root)));

        h.reader.addSplits(List.of(split("a")));
        h.pollRecords(1);

        assertThat(((Gauge<?>) metrics.get(gauge)).getValue()).isEqualTo(4200L);

        proxy.closeShard("a", EndShape.ON_EMPTY_PAGE);
        h.pollUntil(() -> !finishedIds(h.context).isEmpty());

        assertThat(metrics).doesNotContainKey(gauge);
    }

    @Test
    void pollingReaderTypeReadsWithGetRecords() {
        Configuration config = config(10);
        config.set(KinesisSourceOptions.READER_TYPE, KinesisSourceOptions.ReaderType.POLLING);

        assertThat(
                        KinesisSourceReader.createSplitReader(
                                STREAM, config, proxy.factory(), (s, m) -> {}, null))
                .isInstanceOf(PollingShardSplitReader.class);
    }

    @Test
    void opensTheSchemaOnStart() throws Exception {
        Harness h = start(config(10));

        assertThat(h.schema.openCalls).isEqualTo(1);
    }

    private Harness start(Configuration config) {
        return start(config, new TestingReaderContext());
    }

    private Harness start(Configuration config, TestingReaderContext context) {
        Harness h = new Harness(config, context);
        open.add(h);
        h.reader.start();
        return h;
    }

    private static Configuration config(int maxRecords) {
        Configuration config = new Configuration();
        config.set(KinesisSourceOptions.GET_RECORDS_MAX, maxRecords);
        config.set(KinesisSourceOptions.IDLE_SHARD_INTERVAL, Duration.ofMillis(20));
        return config;
    }

    private static KinesisShardSplit split(String shardId) {
        return new KinesisShardSplit(
                STREAM,
                shardId,
                StartingPosition.fromStart(),
                List.of(),
                BigInteger.ZERO,
                BigInteger.ONE,
                false);
    }

    private static List<String> finishedIds(TestingReaderContext context) {
        List<String> ids = new ArrayList<>();
        for (SourceEvent event : context.getSentEvents()) {
            ids.addAll(((SplitsFinishedEvent) event).finishedSplitIds());
        }
        return ids;
    }

    /** One reader with its context, output and schema. */
    private final class Harness {
        final TestingReaderContext context;
        final TestingReaderOutput<Emitted> output = new TestingReaderOutput<>();
        final RecordingSchema schema = new RecordingSchema();
        final KinesisSourceReader<Emitted> reader;

        Harness(Configuration config, TestingReaderContext context) {
            this.context = context;
            reader =
                    new KinesisSourceReader<>(
                            context, STREAM, config, proxy.factory(), schema, clock);
        }

        /** Polls until exactly {@code total} records were emitted; one record per pollNext. */
        void pollRecords(int total) throws Exception {
            pollUntil(() -> output.getEmittedRecords().size() >= total);
            assertThat(output.getEmittedRecords()).hasSize(total);
        }

        void pollUntil(BooleanSupplier done) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Reader did not get there in 30 s");
                }
                if (reader.pollNext(output) == InputStatus.NOTHING_AVAILABLE) {
                    try {
                        reader.isAvailable().get(50, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        // poll again
                    }
                }
            }
        }

        void close() throws Exception {
            open.remove(this);
            reader.close();
        }

        List<String> payloads(String shardId) {
            return output.getEmittedRecords().stream()
                    .filter(e -> e.shardId().equals(shardId))
                    .map(Emitted::payload)
                    .collect(Collectors.toList());
        }
    }

    /** What the test schema emits per record. */
    record Emitted(String shardId, String payload, Instant refreshTime) {}

    private static final class RecordingSchema implements KinesisDeserializationSchema<Emitted> {
        int openCalls;

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            openCalls++;
        }

        @Override
        public void deserialize(KinesisRecord record, ShardContext shard, Collector<Emitted> out) {
            out.collect(
                    new Emitted(
                            shard.shardId(),
                            new String(record.data(), StandardCharsets.UTF_8),
                            shard.refreshTime()));
        }

        @Override
        public TypeInformation<Emitted> getProducedType() {
            return TypeInformation.of(Emitted.class);
        }
    }
}
