package org.streamingest.connector.kinesis.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Demand, delivery threads, completion order and the shard-end rule of one subscription. */
@Timeout(30)
class KinesisFanOutProxySubscriptionTest {
    private final ExecutorService delivery =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "delivery"));
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final FakeSubscription upstream = new FakeSubscription();
    private final List<String> handled = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean block;

    @AfterEach
    void stop() {
        release.countDown();
        delivery.shutdownNow();
    }

    private final FanOutProxy.SubscriptionHandler handler =
            (batch, continuation) -> {
                threads.add(Thread.currentThread().getName());
                if (block) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                batch.records()
                        .forEach(
                                r ->
                                        handled.add(
                                                r.sequenceNumber()
                                                        + (batch.shardEnded() ? "!" : "")));
                if (batch.records().isEmpty()) {
                    handled.add("empty" + (batch.shardEnded() ? "!" : "") + "@" + continuation);
                }
            };

    private KinesisFanOutProxySubscription subscription(
            KinesisFanOutProxySubscription.ShardEndRule rule) {
        KinesisFanOutProxySubscription s =
                new KinesisFanOutProxySubscription(
                        handler, delivery, done, e -> new KinesisConnectorException("t", e), rule);
        s.onSubscribe(upstream);
        return s;
    }

    private static SubscribeToShardEvent event(String continuation, String... seqs) {
        List<Record> records = new ArrayList<>();
        for (String seq : seqs) {
            records.add(
                    Record.builder()
                            .sequenceNumber(seq)
                            .partitionKey("pk")
                            .approximateArrivalTimestamp(Instant.EPOCH)
                            .data(SdkBytes.fromUtf8String(seq))
                            .build());
        }
        return SubscribeToShardEvent.builder()
                .records(records)
                .continuationSequenceNumber(continuation)
                .millisBehindLatest(0L)
                .build();
    }

    @Test
    void requestsOneEventAndTheNextOnlyAfterTheHandlerReturnedOnADeliveryThread() throws Exception {
        block = true;
        KinesisFanOutProxySubscription s = subscription(null);
        assertThat(upstream.requested).hasValue(1);
        s.onNext(event("2", "1", "2"));
        awaitTrue(() -> !threads.isEmpty());
        assertThat(upstream.requested).as("no demand while the handler is busy").hasValue(1);
        release.countDown();
        awaitTrue(() -> upstream.requested.get() == 2);
        assertThat(handled).containsExactly("1", "2");
        assertThat(threads).containsExactly("delivery");
    }

    @Test
    void completionWaitsUntilEveryReceivedEventWasHandled() throws Exception {
        block = true;
        KinesisFanOutProxySubscription s = subscription(null);
        s.onNext(event("1", "1"));
        s.onComplete();
        awaitTrue(() -> !threads.isEmpty());
        assertThat(done).isNotDone();
        release.countDown();
        done.get(10, TimeUnit.SECONDS);
        assertThat(handled).containsExactly("1");
    }

    @Test
    void errorsAreTranslatedAndAlsoWaitForDeliveries() {
        KinesisFanOutProxySubscription s = subscription(null);
        s.onNext(event("1", "1"));
        s.onError(new IllegalStateException("reset"));
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(KinesisConnectorException.class)
                .hasRootCauseMessage("reset");
        assertThat(handled).containsExactly("1");
    }

    @Test
    void anEventWithoutContinuationEndsTheShard() throws Exception {
        KinesisFanOutProxySubscription s = subscription(null);
        s.onNext(event(null, "9"));
        done.get(10, TimeUnit.SECONDS);
        assertThat(handled).containsExactly("9!");
        assertThat(upstream.cancelled).isTrue();
    }

    @Test
    void aShardClosedBeforeTheSubscriptionEndsAtItsFirstEmptyEvent() throws Exception {
        KinesisFanOutProxySubscription s =
                subscription(new KinesisFanOutProxySubscription.ShardEndRule(true, () -> true, 0));
        s.onNext(event("5", "4", "5"));
        awaitTrue(() -> upstream.requested.get() == 2);
        s.onNext(event("5"));
        done.get(10, TimeUnit.SECONDS);
        assertThat(handled).containsExactly("4", "5", "empty!@null");
        assertThat(upstream.cancelled).isTrue();
    }

    @Test
    void aShardThatClosedDuringTheSubscriptionCompletesItSoTheCallerResubscribes()
            throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        AtomicInteger probes = new AtomicInteger();
        KinesisFanOutProxySubscription s =
                subscription(
                        new KinesisFanOutProxySubscription.ShardEndRule(
                                false,
                                () -> {
                                    probes.incrementAndGet();
                                    return closed.get();
                                },
                                0));
        s.onNext(event("5"));
        awaitTrue(() -> upstream.requested.get() == 2);
        assertThat(handled).containsExactly("empty@5");
        closed.set(true);
        s.onNext(event("5"));
        done.get(10, TimeUnit.SECONDS);
        assertThat(handled)
                .as("the last empty event is not handed over")
                .containsExactly("empty@5");
        assertThat(probes).hasValue(2);
        assertThat(upstream.cancelled).isTrue();
    }

    @Test
    void aFailingHandlerCancelsAndFailsTheSubscription() {
        KinesisFanOutProxySubscription s =
                new KinesisFanOutProxySubscription(
                        (b, c) -> {
                            throw new IllegalStateException("queue closed");
                        },
                        delivery,
                        done,
                        e -> e,
                        null);
        s.onSubscribe(upstream);
        s.onNext(event("1", "1"));
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS))
                .hasRootCauseMessage("queue closed");
        assertThat(upstream.cancelled).isTrue();
    }

    @Test
    void anEventAfterTheProxyClosedFailsTheSubscriptionInsteadOfHangingIt() {
        KinesisFanOutProxySubscription s = subscription(null);
        delivery.shutdownNow();
        s.onNext(event("1", "1"));
        s.onComplete();
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(KinesisConnectorException.class);
        assertThat(handled).isEmpty();
        assertThat(upstream.cancelled).isTrue();
    }

    @Test
    void afterCancelNothingMoreIsHandled() throws Exception {
        KinesisFanOutProxySubscription s = subscription(null);
        s.cancel();
        s.onNext(event("1", "1"));
        s.onComplete();
        done.get(10, TimeUnit.SECONDS);
        assertThat(handled).isEmpty();
        assertThat(upstream.cancelled).isTrue();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static final class FakeSubscription implements Subscription {
        final AtomicInteger requested = new AtomicInteger();
        volatile boolean cancelled;

        @Override
        public void request(long n) {
            requested.addAndGet((int) n);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
