package org.streamingest.connector.kinesis.source.reader.fanout;

import org.streamingest.connector.kinesis.proxy.KinesisAccessDeniedException;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.metrics.ShardMetricsReporter;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.connector.kinesis.testutils.FakeFanOutProxy;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsRemoval;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streamingest.connector.kinesis.source.reader.fanout.FanOutHarness.awaitCondition;
import static org.streamingest.connector.kinesis.source.reader.fanout.FanOutHarness.expected;
import static org.streamingest.connector.kinesis.source.reader.fanout.FanOutHarness.payloads;
import static org.streamingest.connector.kinesis.source.reader.fanout.FanOutHarness.seq;
import static org.streamingest.connector.kinesis.source.reader.fanout.FanOutHarness.split;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FanOutShardSplitReaderTest {

    private FanOutHarness h = new FanOutHarness();

    @AfterEach
    void closeReader() {
        h.reader.close();
    }

    @Test
    void deliversEveryRecordOnceInOrderAcrossSubscriptionsThatComplete() {
        // Given two shards, and subscriptions that AWS ends after two events of two records
        h.proxy.setRecordsPerEvent(2);
        h.proxy.setEventsPerSubscription(2);
        h.proxy.putRecords("shard-0", payloads(1, 9));
        h.proxy.putRecords("shard-1", payloads(1, 5));

        // When both are read (the clock never moves: re-subscribing after completion is immediate)
        h.assign(
                split("shard-0", StartingPosition.fromStart()),
                split("shard-1", StartingPosition.fromStart()));
        h.fetchUntil(() -> h.emitted.size() == 14);

        // Then each shard's records arrive exactly once and in order
        assertThat(h.emittedFor("shard-0")).containsExactlyElementsOf(expected("shard-0", 1, 9));
        assertThat(h.emittedFor("shard-1")).containsExactlyElementsOf(expected("shard-1", 1, 5));
        // and every new subscription continued after the previous one's continuation number
        assertThat(h.proxy.calls("shard-0"))
                .extracting(c -> c.position)
                .containsExactly(
                        StartingPosition.fromStart(),
                        StartingPosition.afterSequenceNumber(seq(4)),
                        StartingPosition.afterSequenceNumber(seq(8)));
        assertThat(h.proxy.calls("shard-1"))
                .extracting(c -> c.position)
                .containsExactly(
                        StartingPosition.fromStart(), StartingPosition.afterSequenceNumber(seq(4)));
        assertThat(h.proxy.calls()).allMatch(c -> c.consumerArn.equals(FanOutHarness.CONSUMER_ARN));
    }

    @Test
    void continuesFromACheckpointedPositionAndKeepsReadingNewRecords() {
        h.proxy.putRecords("shard-0", payloads(1, 6));

        h.assign(split("shard-0", StartingPosition.afterSequenceNumber(seq(3))));
        h.fetchUntil(() -> h.emitted.size() == 3);
        h.proxy.putRecords("shard-0", payloads(7, 8));
        h.fetchUntil(() -> h.emitted.size() == 5);

        assertThat(h.emitted).containsExactlyElementsOf(expected("shard-0", 4, 8));
        assertThat(h.proxy.calls("shard-0")).hasSize(1);
    }

    @Test
    void shardEndFinishesTheSplitAfterItsLastRecord() {
        h.proxy.setRecordsPerEvent(3);
        h.proxy.putRecords("shard-0", payloads(1, 7));
        h.proxy.endShard("shard-0");

        h.assign(split("shard-0", StartingPosition.fromStart()));
        h.fetchUntil(() -> h.emitted.contains("finished:shard-0"));
        h.fetchOnce();

        List<String> all = new ArrayList<>(expected("shard-0", 1, 7));
        all.add("finished:shard-0");
        assertThat(h.emitted).containsExactlyElementsOf(all);
        assertThat(h.proxy.calls("shard-0")).hasSize(1);
    }

    @Test
    void reportsMillisBehindLatestPerShard() {
        h.proxy.setRecordsPerEvent(2);
        h.proxy.putRecords("shard-0", payloads(1, 4));

        h.assign(split("shard-0", StartingPosition.fromStart()));
        h.fetchUntil(() -> h.emitted.size() == 4);

        // The fake reports 1000 ms per record still behind the delivered ones.
        assertThat(h.millisBehind.get("shard-0")).containsExactly(2000L, 0L);
    }

    @Test
    void reportsASplitThatArrivesFinishedWithoutSubscribing() {
        h.assign(split("shard-0", StartingPosition.fromStart()).asFinished());

        h.fetchOnce();

        assertThat(h.emitted).containsExactly("finished:shard-0");
        assertThat(h.proxy.calls()).isEmpty();
    }

    @Test
    void pausedSplitHandsOverNothingAndResumesWhereItStopped() throws Exception {
        // Given two shards being read
        h.proxy.setRecordsPerEvent(1);
        h.proxy.putRecords("shard-0", payloads(1, 12));
        h.proxy.putRecords("shard-1", payloads(1, 2));
        h.assign(
                split("shard-0", StartingPosition.fromStart()),
                split("shard-1", StartingPosition.fromStart()));
        h.fetchUntil(() -> !h.emittedFor("shard-0").isEmpty());

        // When shard-0 is paused
        h.reader.pauseOrResumeSplits(
                List.of(split("shard-0", StartingPosition.fromStart())), List.of());
        int before = h.emittedFor("shard-0").size();
        FakeFanOutProxy.Call first = h.proxy.calls("shard-0").get(0);
        awaitCondition(first::cancelled);
        h.fetchUntil(() -> h.emittedFor("shard-1").size() == 2);
        h.clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            h.fetchOnce();
        }

        // Then it hands over nothing, its full queue suspended the subscription, and no new one
        // starts while paused
        assertThat(h.emittedFor("shard-0")).hasSize(before);
        assertThat(first.eventsDelivered.get()).isLessThanOrEqualTo(before + 2);
        assertThat(h.proxy.calls("shard-0")).hasSize(1);

        // When it is resumed, it continues after the last event it received
        h.reader.pauseOrResumeSplits(
                List.of(), List.of(split("shard-0", StartingPosition.fromStart())));
        h.fetchUntil(() -> h.emittedFor("shard-0").size() == 12);

        assertThat(h.emittedFor("shard-0")).containsExactlyElementsOf(expected("shard-0", 1, 12));
        assertThat(h.proxy.calls("shard-0")).hasSize(2);
        assertThat(h.proxy.calls("shard-0").get(1).position)
                .isEqualTo(StartingPosition.afterSequenceNumber(seq(first.eventsDelivered.get())));
    }

    @Test
    void slowFetcherSuspendsTheSubscriptionInsteadOfHoldingTheIoThread() throws Exception {
        // Given a shard with more events than the queue holds, and no fetch for a while
        h.proxy.setRecordsPerEvent(1);
        h.proxy.putRecords("shard-0", payloads(1, 10));
        h.assign(split("shard-0", StartingPosition.fromStart()));
        h.fetchUntil(() -> !h.proxy.calls("shard-0").isEmpty());
        FakeFanOutProxy.Call first = h.proxy.calls("shard-0").get(0);

        // When the queue stays full longer than the handler may block (100 ms here)
        awaitCondition(first::cancelled);

        // Then the I/O thread was held about that long, not indefinitely
        assertThat(first.longestHandlerNanos.get()).isLessThan(Duration.ofSeconds(2).toNanos());
        // and reading resumes, after the 5 s the service keeps a cancelled subscription
        h.fetchUntil(() -> h.emitted.size() >= first.eventsDelivered.get());
        assertThat(h.proxy.calls("shard-0")).hasSize(1);
        h.clock.advance(Duration.ofSeconds(6));
        h.fetchUntil(() -> h.emitted.size() == 10);
        assertThat(h.emitted).containsExactlyElementsOf(expected("shard-0", 1, 10));
        List<FakeFanOutProxy.Call> calls = h.proxy.calls("shard-0");
        assertThat(calls.get(1).startedAtNanos - first.startedAtNanos)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5).toNanos());
    }

    @Test
    void closeCancelsEverySubscriptionAndClosesTheProxy() {
        h.proxy.putRecords("shard-0", payloads(1, 1));
        h.proxy.hangNextSubscribe("shard-1");
        h.assign(
                split("shard-0", StartingPosition.fromStart()),
                split("shard-1", StartingPosition.fromStart()));
        h.fetchUntil(() -> h.emitted.size() == 1 && h.proxy.calls().size() == 2);

        h.reader.close();

        assertThat(h.proxy.calls()).hasSize(2).allMatch(FakeFanOutProxy.Call::cancelled);
        assertThat(h.proxy.isClosed()).isTrue();
    }

    @Test
    void removedSplitIsCancelled() {
        h.proxy.hangNextSubscribe("shard-0");
        h.assign(split("shard-0", StartingPosition.fromStart()));
        h.fetchUntil(() -> h.proxy.calls().size() == 1);

        h.reader.handleSplitsChanges(
                new SplitsRemoval<>(List.of(split("shard-0", StartingPosition.fromStart()))));

        assertThat(h.proxy.calls().get(0).cancelled()).isTrue();
        h.clock.advance(Duration.ofMinutes(5));
        h.fetchOnce();
        assertThat(h.proxy.calls()).hasSize(1);
    }

    @Test
    void idleFetchWaitsInsteadOfSpinningAndWakeUpEndsTheWait() throws Exception {
        h.reader.close();
        h = new FanOutHarness(4, Duration.ofMillis(100), Duration.ofSeconds(30));
        h.proxy.hangNextSubscribe("shard-0");
        h.assign(split("shard-0", StartingPosition.fromStart()));

        // When a fetch has nothing to hand over, it blocks (the poll timeout here is 30 s)
        long readsBefore = h.clock.reads.get();
        long start = System.nanoTime();
        CompletableFuture<Void> fetch = CompletableFuture.runAsync(h::fetchOnce);
        awaitCondition(() -> h.proxy.calls().size() == 1);
        assertThat(fetch).isNotDone();

        // Then wakeUp() ends it promptly with an empty result
        while (!fetch.isDone()) {
            h.reader.wakeUp();
            Thread.sleep(5);
            assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(10).toNanos());
        }
        fetch.get();
        assertThat(h.emitted).isEmpty();
        // and it looked at its subscriptions only a few times while it waited
        assertThat(h.clock.reads.get() - readsBefore).isLessThan(20);
    }

    @Test
    void createResolvesTheConsumerArnOfTheStream() {
        FakeFanOutProxy proxy = new FakeFanOutProxy(System::nanoTime);
        proxy.addConsumer(FanOutHarness.STREAM, "efo-test");
        proxy.putRecords("shard-0", payloads(1, 1));
        Configuration config = new Configuration();
        config.set(KinesisSourceOptions.EFO_CONSUMER_NAME, "efo-test");

        FanOutShardSplitReader reader =
                FanOutShardSplitReader.create(
                        proxy, FanOutHarness.STREAM, config, ShardMetricsReporter.NOOP);
        try {
            reader.handleSplitsChanges(
                    new SplitsAddition<>(List.of(split("shard-0", StartingPosition.fromStart()))));
            reader.fetch();
            assertThat(proxy.calls())
                    .extracting(c -> c.consumerArn)
                    .containsExactly(FanOutHarness.CONSUMER_ARN);
        } finally {
            reader.close();
        }
    }

    @Test
    void createClosesTheProxyWhenTheConsumerCannotBeResolved() {
        FakeFanOutProxy proxy = new FakeFanOutProxy(System::nanoTime);
        proxy.failConsumerCallsWith(new KinesisAccessDeniedException("denied", null));
        Configuration config = new Configuration();
        config.set(KinesisSourceOptions.EFO_CONSUMER_NAME, "efo-test");

        assertThatThrownBy(
                        () ->
                                FanOutShardSplitReader.create(
                                        proxy,
                                        FanOutHarness.STREAM,
                                        config,
                                        ShardMetricsReporter.NOOP))
                .isInstanceOf(KinesisAccessDeniedException.class);
        assertThat(proxy.isClosed()).isTrue();
    }
}
