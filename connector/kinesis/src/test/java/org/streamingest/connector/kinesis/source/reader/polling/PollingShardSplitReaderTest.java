package org.streamingest.connector.kinesis.source.reader.polling;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.KinesisUnreachableException;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.connector.kinesis.testutils.FakeRecordsProxy;
import org.streamingest.connector.kinesis.testutils.FakeRecordsProxy.Call;
import org.streamingest.connector.kinesis.testutils.FakeRecordsProxy.EndShape;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsRemoval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class PollingShardSplitReaderTest {
    private static final StreamId STREAM = StreamId.of("orders");

    private final FakeRecordsProxy proxy = new FakeRecordsProxy(STREAM);
    private final List<String> lag = new ArrayList<>();

    @Test
    void pollsAssignedShardsRoundRobinOneBatchPerFetch() {
        // Given three shards with two records each, read one record per GetRecords
        proxy.put("a", "a1", "a2");
        proxy.put("b", "b1", "b2");
        proxy.put("c", "c1", "c2");
        PollingShardSplitReader reader = reader(1, Duration.ofHours(1));
        add(reader, "a", "b", "c");

        // When fetching six times
        List<Fetched> fetches = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fetches.add(Fetched.of(reader.fetch()));
        }

        // Then the shards take turns, each in order
        assertThat(fetches.stream().map(Fetched::payloads))
                .containsExactly(
                        List.of("a1"),
                        List.of("b1"),
                        List.of("c1"),
                        List.of("a2"),
                        List.of("b2"),
                        List.of("c2"));
        assertThat(proxy.calls().stream().map(Call::shardId))
                .containsExactly("a", "b", "c", "a", "b", "c");
        assertThat(proxy.calls()).allMatch(c -> c.maxRecords() == 1);
    }

    @Test
    void fetchPositionFollowsTheLastHandedOverRecord() {
        List<KinesisRecord> records = proxy.put("a", "1", "2", "3", "4", "5");
        PollingShardSplitReader reader = reader(2, Duration.ofHours(1));
        add(reader, "a");

        assertThat(Fetched.of(reader.fetch()).payloads()).containsExactly("1", "2");
        assertThat(Fetched.of(reader.fetch()).payloads()).containsExactly("3", "4");

        assertThat(proxy.calls().stream().map(Call::position))
                .containsExactly(
                        StartingPosition.fromStart(),
                        StartingPosition.afterSequenceNumber(records.get(1).sequenceNumber()));
    }

    @Test
    void idleShardIsSkippedWhileOthersHaveRecords() {
        // Given shard a is empty and shard b has records
        proxy.createShard("a");
        proxy.put("b", "b1", "b2", "b3");
        PollingShardSplitReader reader = reader(1, Duration.ofHours(1));
        add(reader, "a", "b");

        // When fetching four times
        assertThat(Fetched.of(reader.fetch()).isEmpty()).isTrue();
        List<String> read = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            read.addAll(Fetched.of(reader.fetch()).payloads());
        }

        // Then the empty shard was asked once, and not again within its idle interval
        assertThat(read).containsExactly("b1", "b2", "b3");
        assertThat(proxy.callsFor("a")).hasSize(1);
    }

    @Test
    void whenAllShardsAreIdleFetchSleepsUntilTheFirstIsDueInsteadOfPolling() {
        proxy.createShard("a");
        PollingShardSplitReader reader = reader(10, Duration.ofMillis(200));
        add(reader, "a");

        long start = System.nanoTime();
        assertThat(Fetched.of(reader.fetch()).isEmpty()).isTrue();
        proxy.put("a", "late");
        Fetched second = Fetched.of(reader.fetch());
        long elapsed = System.nanoTime() - start;

        // One call per fetch: the second fetch slept through the idle interval, then polled once
        assertThat(second.payloads()).containsExactly("late");
        assertThat(proxy.callsFor("a")).hasSize(2);
        assertThat(elapsed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void wakeUpEndsTheIdleWaitWithAnEmptyResult() throws Exception {
        proxy.createShard("a");
        PollingShardSplitReader reader = reader(10, Duration.ofHours(1));
        add(reader, "a");
        reader.fetch();

        // Given a fetch that waits for an idle shard due in an hour
        CompletableFuture<Fetched> result = new CompletableFuture<>();
        Thread fetcher = new Thread(() -> result.complete(Fetched.of(reader.fetch())));
        fetcher.start();
        while (fetcher.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }

        // When it is woken up
        reader.wakeUp();

        // Then it returns at once, without polling the shard again
        assertThat(result.get(10, TimeUnit.SECONDS).isEmpty()).isTrue();
        assertThat(proxy.callsFor("a")).hasSize(1);
    }

    @Test
    void wakeUpBeforeFetchIsNotLost() {
        proxy.createShard("a");
        PollingShardSplitReader reader = reader(10, Duration.ofHours(1));
        add(reader, "a");
        reader.fetch();

        reader.wakeUp();

        assertThat(Fetched.of(reader.fetch()).isEmpty()).isTrue();
        assertThat(proxy.callsFor("a")).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(EndShape.class)
    void closedShardEmitsEveryRecordOnceThenFinishes(EndShape shape) {
        // Given a closed shard with five records, read two at a time
        proxy.put("a", "1", "2", "3", "4", "5");
        proxy.closeShard("a", shape);
        proxy.put("b", "b1");
        PollingShardSplitReader reader = reader(2, Duration.ofHours(1));
        add(reader, "a");

        // When fetching until the split is reported finished
        List<Fetched> fetches = new ArrayList<>();
        do {
            fetches.add(Fetched.of(reader.fetch()));
        } while (fetches.get(fetches.size() - 1).finished.isEmpty());

        // Then every record came exactly once, in order, and the end came with or after the last
        List<String> read =
                fetches.stream().flatMap(f -> f.payloads().stream()).collect(Collectors.toList());
        assertThat(read).containsExactly("1", "2", "3", "4", "5");
        Fetched last = fetches.get(fetches.size() - 1);
        assertThat(last.finished).containsExactly("a");
        assertThat(last.payloads())
                .isEqualTo(shape == EndShape.WITH_LAST_RECORDS ? List.of("5") : List.of());

        // And the finished shard is not polled again
        int callsOnA = proxy.callsFor("a").size();
        add(reader, "b");
        assertThat(Fetched.of(reader.fetch()).payloads()).containsExactly("b1");
        assertThat(proxy.callsFor("a")).hasSize(callsOnA);
    }

    @Test
    void shardThatNoLongerExistsIsFinished() {
        proxy.put("a", "1");
        proxy.expire("a");
        PollingShardSplitReader reader = reader(10, Duration.ofHours(1));
        add(reader, "a");

        Fetched fetched = Fetched.of(reader.fetch());

        assertThat(fetched.payloads()).isEmpty();
        assertThat(fetched.finished).containsExactly("a");
    }

    @Test
    void unreachableEndpointFailsTheFetchNamingTheShard() {
        proxy.put("a", "1");
        proxy.failWith(
                "a",
                new KinesisUnreachableException(
                        "Kinesis endpoint http://127.0.0.1:1 did not answer after 3 attempts;"
                                + " check 'aws.endpoint'",
                        null));
        PollingShardSplitReader reader = reader(10, Duration.ofHours(1));
        add(reader, "a");

        assertThatThrownBy(reader::fetch)
                .isInstanceOf(KinesisUnreachableException.class)
                .hasMessageContaining("shard a of stream 'orders'")
                .hasMessageContaining("did not answer after 3 attempts; check 'aws.endpoint'");
    }

    @Test
    void pausedShardIsNotPolledUntilResumed() {
        proxy.put("a", "a1", "a2");
        proxy.put("b", "b1", "b2");
        PollingShardSplitReader reader = reader(1, Duration.ofHours(1));
        add(reader, "a", "b");

        reader.pauseOrResumeSplits(List.of(split("a")), List.of());
        List<String> whilePaused = new ArrayList<>();
        whilePaused.addAll(Fetched.of(reader.fetch()).payloads());
        whilePaused.addAll(Fetched.of(reader.fetch()).payloads());
        reader.pauseOrResumeSplits(List.of(), List.of(split("a")));

        // b (now empty) and the resumed a take turns again
        List<String> afterResume = new ArrayList<>();
        afterResume.addAll(Fetched.of(reader.fetch()).payloads());
        afterResume.addAll(Fetched.of(reader.fetch()).payloads());

        assertThat(whilePaused).containsExactly("b1", "b2");
        assertThat(afterResume).containsExactly("a1");
        assertThat(proxy.calls().stream().map(Call::shardId)).containsExactly("b", "b", "b", "a");
    }

    @Test
    void reportsMillisBehindLatestPerShard() {
        proxy.put("a", "1");
        proxy.millisBehindLatest("a", 1234);
        proxy.put("b", "1");
        PollingShardSplitReader reader = reader(10, Duration.ofHours(1));
        add(reader, "a", "b");

        reader.fetch();
        reader.fetch();

        // b's server did not report a lag (-1): nothing is reported for it
        assertThat(lag).containsExactly("a=1234");
    }

    @Test
    void splitAddedAsFinishedIsReportedWithoutReadingIt() {
        PollingShardSplitReader reader = reader(10, Duration.ofHours(1));
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split("a").asFinished())));

        Fetched fetched = Fetched.of(reader.fetch());

        assertThat(fetched.finished).containsExactly("a");
        assertThat(proxy.calls()).isEmpty();
    }

    @Test
    void removingSplitsIsRejected() {
        PollingShardSplitReader reader = reader(10, Duration.ofHours(1));

        assertThatThrownBy(
                        () -> reader.handleSplitsChanges(new SplitsRemoval<>(List.of(split("a")))))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void closeClosesTheProxy() {
        reader(10, Duration.ofHours(1)).close();

        assertThat(proxy.closeCount()).isEqualTo(1);
    }

    @Test
    void rejectsBatchSizeOutsideTheGetRecordsLimit() {
        assertThatThrownBy(() -> reader(10_001, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "'scan.shard.get-records.max-record-count' is 10001; set it between 1 and"
                                + " 10000.");
    }

    private PollingShardSplitReader reader(int maxRecords, Duration idle) {
        Configuration config = new Configuration();
        config.set(KinesisSourceOptions.GET_RECORDS_MAX, maxRecords);
        config.set(KinesisSourceOptions.IDLE_SHARD_INTERVAL, idle);
        return new PollingShardSplitReader(
                proxy, config, (shardId, millis) -> lag.add(shardId + "=" + millis));
    }

    private static void add(PollingShardSplitReader reader, String... shardIds) {
        List<KinesisShardSplit> splits = new ArrayList<>();
        for (String shardId : shardIds) {
            splits.add(split(shardId));
        }
        reader.handleSplitsChanges(new SplitsAddition<>(splits));
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

    /** What one fetch handed over: payloads per split, and the finished splits. */
    private static final class Fetched {
        final Map<String, List<String>> bySplit = new LinkedHashMap<>();
        final Set<String> finished = new TreeSet<>();

        static Fetched of(RecordsWithSplitIds<KinesisRecord> records) {
            Fetched fetched = new Fetched();
            for (String split = records.nextSplit(); split != null; split = records.nextSplit()) {
                List<String> payloads =
                        fetched.bySplit.computeIfAbsent(split, s -> new ArrayList<>());
                for (KinesisRecord r = records.nextRecordFromSplit();
                        r != null;
                        r = records.nextRecordFromSplit()) {
                    payloads.add(new String(r.data(), StandardCharsets.UTF_8));
                }
            }
            fetched.finished.addAll(records.finishedSplits());
            return fetched;
        }

        List<String> payloads() {
            return bySplit.values().stream().flatMap(List::stream).collect(Collectors.toList());
        }

        boolean isEmpty() {
            return bySplit.isEmpty() && finished.isEmpty();
        }
    }
}
