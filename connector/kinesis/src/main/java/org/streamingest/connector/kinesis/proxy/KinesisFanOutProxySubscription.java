package org.streamingest.connector.kinesis.proxy;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The subscriber of one SubscribeToShard event stream. It requests one event at a time and asks for
 * the next only after {@link FanOutProxy.SubscriptionHandler#onBatch} has returned. Events are
 * handed to the handler on a delivery executor, never on the SDK's Netty I/O thread, so a handler
 * that blocks on a full bounded queue slows the subscription down (backpressure reaches the service
 * through the missing demand) without stalling other connections.
 *
 * <p>Completion and errors are queued behind the last delivery, so the result future completes only
 * after every received event was handed over: a reader that re-subscribes when the future completes
 * continues from the last event it actually saw.
 */
final class KinesisFanOutProxySubscription implements Subscriber<SubscribeToShardEventStream> {

    /** How often an idle subscription asks whether its open shard has closed meanwhile. */
    static final long PROBE_INTERVAL_NANOS = 10_000_000_000L;

    private final FanOutProxy.SubscriptionHandler handler;
    private final Executor delivery;
    private final CompletableFuture<Void> done;
    private final Function<Throwable, Throwable> translate;
    private final ShardEndRule shardEnd;
    private volatile Subscription subscription;
    private volatile boolean cancelled;
    private volatile CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private long lastProbe = System.nanoTime();

    /**
     * For servers that never end a closed shard's subscription (see {@link
     * KinesisFanOutProxyShardEnds}): whether the shard was closed when the subscription started and
     * how to ask whether it is closed now; {@code null} for Kinesis itself.
     */
    static final class ShardEndRule {
        final boolean closedAtStart;
        final BooleanSupplier closedNow;
        final long probeIntervalNanos;

        ShardEndRule(boolean closedAtStart, BooleanSupplier closedNow, long probeIntervalNanos) {
            this.closedAtStart = closedAtStart;
            this.closedNow = closedNow;
            this.probeIntervalNanos = probeIntervalNanos;
        }
    }

    KinesisFanOutProxySubscription(
            FanOutProxy.SubscriptionHandler handler,
            Executor delivery,
            CompletableFuture<Void> done,
            Function<Throwable, Throwable> translate,
            ShardEndRule shardEnd) {
        this.handler = handler;
        this.delivery = delivery;
        this.done = done;
        this.translate = translate;
        this.shardEnd = shardEnd;
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (subscription != null) {
            s.cancel(); // Reactive Streams rule 2.5: one subscription per subscriber
            return;
        }
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(SubscribeToShardEventStream event) {
        tail =
                tail.thenRunAsync(() -> deliver(event), delivery)
                        .exceptionally(
                                rejected -> { // the proxy was closed: no more deliveries
                                    cancel();
                                    done.completeExceptionally(translate.apply(rejected));
                                    return null;
                                });
    }

    @Override
    public void onError(Throwable error) {
        fail(error);
    }

    @Override
    public void onComplete() {
        finish();
    }

    /** Completes the result normally once pending deliveries are done. */
    void finish() {
        tail = tail.thenRun(() -> done.complete(null));
    }

    /** Completes the result with the translated error once pending deliveries are done. */
    void fail(Throwable error) {
        tail = tail.thenRun(() -> done.completeExceptionally(translate.apply(error)));
    }

    /** Stops the subscription: no further event reaches the handler. */
    void cancel() {
        cancelled = true;
        Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private boolean closedSinceStart() {
        long now = System.nanoTime();
        if (now - lastProbe < shardEnd.probeIntervalNanos) {
            return false;
        }
        lastProbe = now;
        return shardEnd.closedNow.getAsBoolean();
    }

    private void deliver(SubscribeToShardEventStream event) {
        if (cancelled || done.isDone()) {
            return;
        }
        try {
            if (event instanceof SubscribeToShardEvent) {
                SubscribeToShardEvent e = (SubscribeToShardEvent) event;
                String continuation = e.continuationSequenceNumber();
                boolean ended = continuation == null;
                if (!ended && shardEnd != null && e.records().isEmpty()) {
                    if (shardEnd.closedAtStart) {
                        ended = true;
                    } else if (closedSinceStart()) {
                        // re-subscribing starts with the shard known as closed: exact from there
                        cancel();
                        done.complete(null);
                        return;
                    }
                }
                Long behind = e.millisBehindLatest();
                handler.onBatch(
                        new RecordBatch(
                                KinesisProxyConversions.records(e.records()),
                                behind == null ? -1 : behind,
                                ended),
                        ended ? null : continuation);
                if (ended) {
                    cancel();
                    done.complete(null);
                    return;
                }
            }
            if (!cancelled && !done.isDone()) {
                subscription.request(1);
            }
        } catch (Throwable t) {
            cancel();
            done.completeExceptionally(t);
        }
    }
}
