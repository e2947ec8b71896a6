package org.streamingest.connector.kinesis.source.reader;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.KinesisDeserializationSchema;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.ShardContext;
import org.streamingest.connector.kinesis.source.event.RefreshCaughtUpEvent;
import org.streamingest.connector.kinesis.source.event.SplitsCaughtUpEvent;
import org.streamingest.connector.kinesis.source.event.SplitsFinishedEvent;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.connector.kinesis.testutils.FakeRecordsProxy;
import org.streamingest.connector.kinesis.testutils.FakeRecordsProxy.EndShape;
import org.streamingest.connector.kinesis.testutils.MutableClock;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
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

/** The reader during a manual refresh ({@code scan.refresh.start-time}). */
@Timeout(60)
class KinesisSourceReaderRefreshTest {
    private static final StreamId STREAM = StreamId.of("orders");
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant REFRESH = T0.plusSeconds(10);

    private final FakeRecordsProxy proxy = new FakeRecordsProxy(STREAM);
    private final MutableClock clock = new MutableClock(T0);
    private final Map<String, Metric> metrics = new ConcurrentHashMap<>();
    private final TestingReaderContext context =
            new TestingReaderContext(
                    new Configuration(),
                    InternalSourceReaderMetricGroup.mock(
                            new GenericMetricGroup(
                                    TestingMetricRegistry.builder()
                                            .setDelimiter('.')
                                            .setRegisterConsumer(
                                                    (m, name, g) ->
                                                            metrics.put(
                                                                    g.getMetricIdentifier(name), m))
                                            .build(),
                                    null,
                                    "reader")));
    private final TestingReaderOutput<Emitted> output = new TestingReaderOutput<>();
    private KinesisSourceReader<Emitted> reader;

    @AfterEach
    void close() throws Exception {
        if (reader != null) {
            reader.close();
        }
    }

    @Test
    void everyRecordCarriesTheRefreshStartWhateverTheCheckpoints() throws Exception {
        proxy.put("a", "1", "2", "3");
        start(10);
        reader.addSplits(List.of(split("a")));

        pollUntil(() -> output.getEmittedRecords().size() >= 1);
        clock.advance(Duration.ofSeconds(30));
        reader.snapshotState(1);
        pollUntil(() -> output.getEmittedRecords().size() >= 3);

        assertThat(output.getEmittedRecords())
                .extracting(Emitted::refreshTime)
                .containsExactly(REFRESH, REFRESH, REFRESH);
    }

    @Test
    void caughtUpOnlyOnceABatchFetchedAtOrAfterTheStartWasEmitted() throws Exception {
        proxy.put("a", "1", "2", "3");
        proxy.millisBehindLatest("a", 0);
        start(2);
        reader.addSplits(List.of(split("a")));

        // Before the refresh start even an empty batch at the tip proves nothing
        pollUntil(() -> payloads().size() == 3 && proxy.callsFor("a").size() >= 4);
        assertThat(caughtUp()).isEmpty();

        // From the start on, a full batch is not trusted, a short one at lag 0 is the tip
        proxy.put("a", "4", "5", "6");
        clock.advance(Duration.ofSeconds(10));
        pollUntil(() -> !caughtUp().isEmpty());

        assertThat(payloads()).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(caughtUp()).containsExactly("a");
        assertThat(finished()).isEmpty();
    }

    @Test
    void aCaughtUpSplitIsNotFetchedAgainAndStaysInCheckpoints() throws Exception {
        List<KinesisRecord> records = proxy.put("a", "1", "2");
        clock.advance(Duration.ofSeconds(10));
        start(10);
        reader.addSplits(List.of(split("a")));
        pollUntil(() -> !caughtUp().isEmpty());
        int calls = proxy.callsFor("a").size();

        proxy.put("a", "3");
        pollFor(Duration.ofMillis(300));

        assertThat(proxy.callsFor("a")).hasSize(calls);
        assertThat(payloads()).containsExactly("1", "2");
        assertThat(reader.snapshotState(1))
                .containsExactly(
                        split("a")
                                .withPosition(
                                        StartingPosition.afterSequenceNumber(
                                                records.get(1).sequenceNumber())));
    }

    @Test
    void anEmptyShardCatchesUpAndAClosedOneFinishes() throws Exception {
        proxy.createShard("empty");
        proxy.millisBehindLatest("empty", 0);
        proxy.put("closed", "1");
        proxy.closeShard("closed", EndShape.ON_EMPTY_PAGE);
        clock.advance(Duration.ofSeconds(10));
        start(10);
        reader.addSplits(List.of(split("empty"), split("closed")));

        pollUntil(() -> !caughtUp().isEmpty() && !finished().isEmpty());

        assertThat(caughtUp()).containsExactly("empty");
        assertThat(finished()).containsExactly("closed");
        assertThat(payloads()).containsExactly("1");
    }

    @Test
    void gaugeFollowsTheEnumeratorAndCounterCountsEmittedRecords() throws Exception {
        proxy.put("a", "1", "2", "3");
        clock.advance(Duration.ofSeconds(10));
        start(10);
        reader.addSplits(List.of(split("a")));
        pollUntil(() -> !caughtUp().isEmpty());
        Gauge<?> gauge = (Gauge<?>) metrics.get("reader.KinesisSource.refreshCaughtUp");
        Counter counter = (Counter) metrics.get("reader.KinesisSource.refreshRecords");

        assertThat(gauge.getValue()).isEqualTo(0);
        assertThat(counter.getCount()).isEqualTo(3);

        reader.handleSourceEvents(new RefreshCaughtUpEvent());

        assertThat(gauge.getValue()).isEqualTo(1);
    }

    private void start(int maxRecords) {
        Configuration config = new Configuration();
        config.set(KinesisSourceOptions.GET_RECORDS_MAX, maxRecords);
        config.set(KinesisSourceOptions.IDLE_SHARD_INTERVAL, Duration.ofMillis(20));
        config.set(KinesisSourceOptions.REFRESH_START_TIME, REFRESH.toString());
        reader =
                new KinesisSourceReader<>(
                        context, STREAM, config, proxy.factory(), new Schema(), clock);
        reader.start();
    }

    private void pollUntil(BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Reader did not get there in 30 s");
            }
            pollOnce();
        }
    }

    /** Keeps the reader running for {@code duration}: checks that nothing more happens. */
    private void pollFor(Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            pollOnce();
        }
    }

    private void pollOnce() throws Exception {
        if (reader.pollNext(output) == InputStatus.NOTHING_AVAILABLE) {
            try {
                reader.isAvailable().get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll again
            }
        }
    }

    private List<String> payloads() {
        return output.getEmittedRecords().stream()
                .map(Emitted::payload)
                .collect(Collectors.toList());
    }

    private List<String> caughtUp() {
        List<String> ids = new ArrayList<>();
        for (SourceEvent event : context.getSentEvents()) {
            if (event instanceof SplitsCaughtUpEvent) {
                ids.addAll(((SplitsCaughtUpEvent) event).caughtUpSplitIds());
            }
        }
        return ids;
    }

    private List<String> finished() {
        List<String> ids = new ArrayList<>();
        for (SourceEvent event : context.getSentEvents()) {
            if (event instanceof SplitsFinishedEvent) {
                ids.addAll(((SplitsFinishedEvent) event).finishedSplitIds());
            }
        }
        return ids;
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

    record Emitted(String payload, Instant refreshTime) {}

    private static final class Schema implements KinesisDeserializationSchema<Emitted> {
        @Override
        public void deserialize(KinesisRecord record, ShardContext shard, Collector<Emitted> out) {
            out.collect(
                    new Emitted(
                            new String(record.data(), StandardCharsets.UTF_8),
                            shard.refreshTime()));
        }

        @Override
        public TypeInformation<Emitted> getProducedType() {
            return TypeInformation.of(Emitted.class);
        }
    }
}
