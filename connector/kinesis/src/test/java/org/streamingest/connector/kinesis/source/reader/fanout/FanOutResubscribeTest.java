package org.streamingest.connector.kinesis.source.reader.fanout;

import org.streamingest.connector.kinesis.proxy.KinesisAccessDeniedException;
import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.KinesisResourceInUseException;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.connector.kinesis.testutils.FakeFanOutProxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streamingest.connector.kinesis.source.reader.fanout.FanOutHarness.expected;
import static org.streamingest.connector.kinesis.source.reader.fanout.FanOutHarness.payloads;
import static org.streamingest.connector.kinesis.source.reader.fanout.FanOutHarness.split;

/** Re-subscription after errors, timeouts and lost shards; the clock is moved by hand. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FanOutResubscribeTest {

    private final FanOutHarness h = new FanOutHarness();

    @AfterEach
    void closeReader() {
        h.reader.close();
    }

    @Test
    void resourceInUseWaitsAtLeastFiveSecondsBeforeSubscribingAgain() {
        h.proxy.failNextSubscribe(
                "shard-0", new KinesisResourceInUseException("Another active subscription", null));
        h.proxy.putRecords("shard-0", payloads(1, 3));
        h.assign(split("shard-0", StartingPosition.fromStart()));
        h.fetchOnce();
        assertThat(h.proxy.calls("shard-0")).hasSize(1);

        h.clock.advance(Duration.ofMillis(4_900));
        fetchTimes(5);
        assertThat(h.proxy.calls("shard-0")).hasSize(1);

        h.clock.advance(Duration.ofMillis(1_200));
        h.fetchUntil(() -> h.emitted.size() == 3);

        List<FakeFanOutProxy.Call> calls = h.proxy.calls("shard-0");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).startedAtNanos - calls.get(0).startedAtNanos)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(calls.get(1).position).isEqualTo(StartingPosition.fromStart());
        assertThat(h.emitted).containsExactlyElementsOf(expected("shard-0", 1, 3));
    }

    @Test
    void otherRecoverableErrorsBackOffExponentiallyWithJitter() {
        for (int i = 0; i < 3; i++) {
            h.proxy.failNextSubscribe(
                    "shard-0", new UncheckedIOException(new IOException("connection reset")));
        }
        h.proxy.putRecords("shard-0", payloads(1, 2));
        h.assign(split("shard-0", StartingPosition.fromStart()));

        // With jitter fixed at 0.5 the delays are 3/4 of 0.5 s, 1 s and 2 s.
        long[] expectedGaps = {375, 750, 1_500};
        for (long gap : expectedGaps) {
            int calls = h.proxy.calls().size();
            h.fetchOnce();
            h.clock.advance(Duration.ofMillis(gap - 1));
            fetchTimes(3);
            assertThat(h.proxy.calls()).hasSize(calls + 1);
            h.clock.advance(Duration.ofMillis(1));
        }
        h.fetchUntil(() -> h.emitted.size() == 2);

        assertThat(h.proxy.calls()).hasSize(4);
        assertThat(h.emitted).containsExactlyElementsOf(expected("shard-0", 1, 2));
    }

    @Test
    void subscriptionWithoutAFirstEventTimesOutAndIsReplaced() {
        h.proxy.hangNextSubscribe("shard-0");
        h.proxy.putRecords("shard-0", payloads(1, 2));
        h.assign(split("shard-0", StartingPosition.fromStart()));
        h.fetchOnce();
        FakeFanOutProxy.Call first = h.proxy.calls("shard-0").get(0);

        h.clock.advance(Duration.ofSeconds(59));
        fetchTimes(3);
        assertThat(first.cancelled()).isFalse();

        h.clock.advance(Duration.ofSeconds(1));
        h.fetchOnce();
        assertThat(first.cancelled()).isTrue();
        // The service still holds the cancelled subscription for about 5 s.
        h.clock.advance(Duration.ofSeconds(4));
        fetchTimes(3);
        assertThat(h.proxy.calls("shard-0")).hasSize(1);

        h.clock.advance(Duration.ofSeconds(2));
        h.fetchUntil(() -> h.emitted.size() == 2);
        assertThat(h.proxy.calls("shard-0")).hasSize(2);
        assertThat(h.emitted).containsExactlyElementsOf(expected("shard-0", 1, 2));
    }

    @Test
    void givesUpAfterBoundedAttemptsNamingConsumerShardAndLastError() {
        for (int i = 0; i < 4; i++) {
            h.proxy.failNextSubscribe(
                    "shard-7", new UncheckedIOException(new IOException("connection reset " + i)));
        }
        h.assign(split("shard-7", StartingPosition.fromStart()));

        assertThatThrownBy(
                        () -> {
                            for (int i = 0; i < 100; i++) {
                                h.fetchOnce();
                                h.clock.advance(Duration.ofSeconds(30));
                            }
                        })
                .isInstanceOf(KinesisConnectorException.class)
                .hasMessageContaining("EFO consumer '" + FanOutHarness.CONSUMER_ARN + "'")
                .hasMessageContaining("shard 'shard-7' of stream 'orders'")
                .hasMessageContaining("4 subscription attempts in a row failed")
                .hasMessageContaining("connection reset 3")
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(h.proxy.calls()).hasSize(4);
    }

    @Test
    void repeatedResourceInUseSaysAnotherSubscriptionIsActive() {
        for (int i = 0; i < 4; i++) {
            h.proxy.failNextSubscribe(
                    "shard-0", new KinesisResourceInUseException("Another active one", null));
        }
        h.assign(split("shard-0", StartingPosition.fromStart()));

        assertThatThrownBy(
                        () -> {
                            for (int i = 0; i < 100; i++) {
                                h.fetchOnce();
                                h.clock.advance(Duration.ofSeconds(30));
                            }
                        })
                .hasMessageContaining("no other job or reader uses the same")
                .hasMessageContaining("scan.efo.consumer-name");
    }

    @Test
    void missingPermissionFailsWithoutRetrying() {
        h.proxy.failNextSubscribe(
                "shard-0", new KinesisAccessDeniedException("not allowed: SubscribeToShard", null));
        h.assign(split("shard-0", StartingPosition.fromStart()));

        assertThatThrownBy(h::fetchOnce)
                .isInstanceOf(KinesisConnectorException.class)
                .hasMessageContaining("retrying cannot fix")
                .hasMessageContaining("not allowed: SubscribeToShard");
        assertThat(h.proxy.calls()).hasSize(1);
    }

    @Test
    void shardThatIsGoneFinishesTheSplit() {
        h.proxy.failNextSubscribe(
                "shard-0", new StreamNotFoundException("Shard shard-0 not found", null));
        h.assign(split("shard-0", StartingPosition.fromStart()));

        h.fetchUntil(() -> !h.emitted.isEmpty());
        h.clock.advance(Duration.ofMinutes(1));
        h.fetchOnce();

        assertThat(h.emitted).containsExactly("finished:shard-0");
        assertThat(h.proxy.calls()).hasSize(1);
    }

    @Test
    void successfulEventResetsTheFailureCount() {
        // Three failures, records, then three more failures: with 4 attempts this must not fail.
        for (int i = 0; i < 3; i++) {
            h.proxy.failNextSubscribe("shard-0", new UncheckedIOException(new IOException("a")));
        }
        h.proxy.putRecords("shard-0", payloads(1, 2));
        h.proxy.setEventsPerSubscription(1);
        h.proxy.setRecordsPerEvent(2);
        h.assign(split("shard-0", StartingPosition.fromStart()));
        h.fetchUntil(
                () -> {
                    h.clock.advance(Duration.ofSeconds(3));
                    return h.emitted.size() == 2;
                });
        h.fetchUntil(() -> h.proxy.calls().size() == 5);
        for (int i = 0; i < 3; i++) {
            h.proxy.failNextSubscribe("shard-0", new UncheckedIOException(new IOException("b")));
        }
        h.proxy.putRecords("shard-0", payloads(3, 4));
        h.fetchUntil(() -> h.emitted.size() == 4);
        h.proxy.putRecords("shard-0", payloads(5, 6));
        h.fetchUntil(
                () -> {
                    h.clock.advance(Duration.ofSeconds(3));
                    return h.emitted.size() == 6;
                });

        assertThat(h.emitted).containsExactlyElementsOf(expected("shard-0", 1, 6));
        assertThat(h.proxy.calls().size()).isGreaterThanOrEqualTo(9);
    }

    private void fetchTimes(int n) {
        for (int i = 0; i < n; i++) {
            h.fetchOnce();
        }
    }
}
