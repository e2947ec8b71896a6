package org.streamingest.connector.kinesis.source.reader.fanout;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.metrics.ShardMetricsReporter;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.connector.kinesis.testutils.FakeFanOutProxy;

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A split reader on a {@link FakeFanOutProxy} and a {@link ManualClock}, plus what it handed over:
 * every record as "shard:payload" and every finished split as "finished:shard", in order.
 */
final class FanOutHarness {
    static final StreamId STREAM = StreamId.of("orders");
    static final String CONSUMER_ARN =
            "arn:aws:kinesis:us-east-1:000000000000:stream/orders/consumer/efo-test:1";
    static final Duration REAL_DEADLINE = Duration.ofSeconds(20);

    final ManualClock clock = new ManualClock();
    final FakeFanOutProxy proxy = new FakeFanOutProxy(clock);
    final List<String> emitted = new ArrayList<>();
    final Map<String, List<Long>> millisBehind = new ConcurrentHashMap<>();
    final FanOutShardSplitReader reader;

    FanOutHarness() {
        this(4, Duration.ofMillis(100), Duration.ofMillis(20));
    }

    FanOutHarness(int maxAttempts, Duration handlerMaxBlock, Duration pollTimeout) {
        FanOutReaderSettings settings =
                new FanOutReaderSettings(
                        2,
                        handlerMaxBlock,
                        pollTimeout,
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(5),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(20),
                        maxAttempts,
                        clock,
                        () -> 0.5);
        ShardMetricsReporter metrics =
                (shard, millis) ->
                        millisBehind.computeIfAbsent(shard, s -> new ArrayList<>()).add(millis);
        reader = new FanOutShardSplitReader(proxy, CONSUMER_ARN, metrics, settings);
    }

    static KinesisShardSplit split(String shardId, StartingPosition position) {
        return new KinesisShardSplit(
                STREAM, shardId, position, List.of(), BigInteger.ZERO, BigInteger.TEN, false);
    }

    void assign(KinesisShardSplit... splits) {
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(splits)));
    }

    /** One fetch; its records and finished splits are appended to {@link #emitted}. */
    void fetchOnce() {
        RecordsWithSplitIds<KinesisRecord> result = reader.fetch();
        String split;
        while ((split = result.nextSplit()) != null) {
            KinesisRecord record;
            while ((record = result.nextRecordFromSplit()) != null) {
                emitted.add(split + ":" + new String(record.data(), StandardCharsets.UTF_8));
            }
        }
        for (String finished : result.finishedSplits()) {
            emitted.add("finished:" + finished);
        }
        result.recycle();
    }

    /** Fetches until {@code done}, failing after a real-time deadline. */
    void fetchUntil(BooleanSupplier done) {
        long deadline = System.nanoTime() + REAL_DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached; emitted so far: " + emitted);
            }
            fetchOnce();
        }
    }

    /** Waits (polling with a deadline, no fetch) until {@code done}. */
    static void awaitCondition(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + REAL_DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached");
            }
            Thread.sleep(5);
        }
    }

    List<String> emittedFor(String shardId) {
        return emitted.stream().filter(e -> e.startsWith(shardId + ":")).toList();
    }

    static List<String> expected(String shardId, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(shardId + ":r" + i);
        }
        return out;
    }

    static String[] payloads(int from, int to) {
        String[] out = new String[to - from + 1];
        for (int i = from; i <= to; i++) {
            out[i - from] = "r" + i;
        }
        return out;
    }

    /** The fake's sequence number of the n-th record (1-based) of a shard. */
    static String seq(int n) {
        return String.format("49%030d", n);
    }
}
