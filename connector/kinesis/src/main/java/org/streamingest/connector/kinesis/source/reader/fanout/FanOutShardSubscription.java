package org.streamingest.connector.kinesis.source.reader.fanout;

import org.streamingest.connector.kinesis.proxy.FanOutProxy;
import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.RecordBatch;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The enhanced fan-out reading of one shard: a chain of SubscribeToShard calls, each continuing
 * where the previous one ended, feeding one small queue that the fetcher thread drains.
 *
 * <p><b>Threads.</b> {@link FanOutProxy.SubscriptionHandler#onBatch} runs on a proxy (I/O) thread
 * and only enqueues; every decision (re-subscribe, time out, give up) is taken on the fetcher
 * thread in {@link #maintain}. Each SubscribeToShard call has a generation number; events and
 * endings of an older generation are dropped, so a late event of a cancelled subscription can never
 * duplicate or reorder records.
 *
 * <p><b>Backpressure.</b> The proxy requests the next event only after {@code onBatch} returns and
 * calls it on its own delivery thread, not on an I/O thread ({@code KinesisFanOutProxy}). The
 * handler returns at once while the queue has room; when its event filled the queue it waits for
 * the fetcher to take one, but at most {@link FanOutReaderSettings#handlerMaxBlock}, and not at all
 * while the split is paused. If the queue is still full then, the subscription is <i>suspended</i>:
 * cancelled, and started again from the continuation position once the queue has room and the
 * service's hold on the cancelled subscription (about 5 s) has passed. So no proxy thread is held
 * indefinitely (not even with a proxy that did call back on I/O threads), memory stays at {@code
 * queueCapacity} events per shard, and a paused or stuck split costs one re-subscription, never
 * lost or repeated records.
 *
 * <p><b>Position.</b> After each event the next subscription would start at
 * AFTER_SEQUENCE_NUMBER(continuation sequence number), or after the event's last record when the
 * service sent no continuation. Queued events survive re-subscriptions.
 */
final class FanOutShardSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(FanOutShardSubscription.class);

    /** One SubscribeToShard event as handed to the fetcher. */
    record Event(RecordBatch batch, String continuationSequenceNumber) {}

    private enum State {
        /** No call in flight; the next one starts at {@code nextAttemptAt}. */
        WAITING,
        /** A call is in flight and has not delivered its first event yet. */
        SUBSCRIBING,
        STREAMING,
        /** The shard ended or is gone: no more calls; finished once the queue is drained. */
        ENDED,
        FAILED,
        CLOSED
    }

    private final FanOutProxy proxy;
    private final String consumerArn;
    private final KinesisShardSplit split;
    private final FanOutReaderSettings settings;
    private final SubscriptionRetryPolicy retry;
    private final SubscriptionFailures failures;
    private final Runnable wakeFetcher;

    // Everything below is guarded by this object's monitor.
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private State state = State.WAITING;
    private int generation;
    private CompletableFuture<Void> current;
    private StartingPosition position;
    private long nextAttemptAt;
    private long firstEventDeadline;
    private boolean paused;
    private boolean ending;
    private Throwable endError;
    private long endedAt;

    FanOutShardSubscription(
            FanOutProxy proxy,
            String consumerArn,
            KinesisShardSplit split,
            FanOutReaderSettings settings,
            Runnable wakeFetcher) {
        this.proxy = proxy;
        this.consumerArn = consumerArn;
        this.split = split;
        this.settings = settings;
        this.retry = new SubscriptionRetryPolicy(settings);
        this.failures = new SubscriptionFailures(consumerArn, split, settings);
        this.wakeFetcher = wakeFetcher;
        this.position = split.startingPosition();
        this.nextAttemptAt = settings.nanoClock.getAsLong();
    }

    String splitId() {
        return split.splitId();
    }

    /** Fetcher thread: acts on an ended call, a missed first-event deadline, a due retry. */
    void maintain(long now) {
        CompletableFuture<Void> toCancel = null;
        StartingPosition from = null;
        int attempt = 0;
        synchronized (this) {
            if (state == State.ENDED || state == State.FAILED || state == State.CLOSED) {
                return;
            }
            if (ending) {
                ending = false;
                // Back off from when the call ended, not from when the fetcher noticed.
                onCallEnded(endError, endedAt);
            }
            if (state == State.SUBSCRIBING && now - firstEventDeadline >= 0) {
                toCancel = cancelCurrent();
                String timeout =
                        settings.subscriptionTimeout + " ('scan.efo.subscription-timeout')";
                recordFailure(new TimeoutException("no event within " + timeout), true, now);
            }
            if (state == State.WAITING && mayStart() && now - nextAttemptAt >= 0) {
                attempt = ++generation;
                state = State.SUBSCRIBING;
                firstEventDeadline = now + settings.subscriptionTimeout.toNanos();
                from = position;
            }
        }
        if (toCancel != null) {
            toCancel.cancel(true);
        }
        if (from != null) {
            subscribe(attempt, from);
        }
    }

    private void subscribe(int attempt, StartingPosition from) {
        LOG.debug("Subscribing consumer {} to shard {} from {}", consumerArn, splitId(), from);
        CompletableFuture<Void> call;
        try {
            call = proxy.subscribeToShard(consumerArn, split.shardId(), from, new Handler(attempt));
        } catch (RuntimeException e) {
            onEnd(attempt, e);
            return;
        }
        boolean stale;
        synchronized (this) {
            stale = attempt != generation;
            if (!stale) {
                current = call;
            }
        }
        if (stale) {
            call.cancel(true);
        } else {
            call.whenComplete((ignored, error) -> onEnd(attempt, error));
        }
    }

    /** Any thread: a call ended; the fetcher decides what follows. */
    private void onEnd(int attempt, Throwable error) {
        synchronized (this) {
            if (attempt != generation || state == State.ENDED || state == State.CLOSED) {
                return;
            }
            ending = true;
            endError = error;
            endedAt = settings.nanoClock.getAsLong();
            current = null;
        }
        wakeFetcher.run();
    }

    private void onCallEnded(Throwable error, long now) {
        if (error == null) {
            if (state == State.STREAMING) {
                // AWS ends every subscription after about 5 minutes: continue right away.
                state = State.WAITING;
                nextAttemptAt = now;
            } else {
                String what = "subscription ended before its first event";
                recordFailure(new KinesisConnectorException(what), false, now);
            }
            return;
        }
        switch (SubscriptionRetryPolicy.classify(error)) {
            case SHARD_GONE:
                LOG.info("Shard {} is gone ({}); finishing its split", splitId(), error.toString());
                state = State.ENDED;
                break;
            case FATAL:
                failures.recordFatal(error);
                state = State.FAILED;
                break;
            case RESOURCE_IN_USE:
                recordFailure(error, true, now);
                break;
            default:
                recordFailure(error, false, now);
        }
    }

    private void recordFailure(Throwable error, boolean serviceHoldsSubscription, long now) {
        long delay = failures.record(error, serviceHoldsSubscription);
        state = delay < 0 ? State.FAILED : State.WAITING;
        nextAttemptAt = now + Math.max(delay, 0);
    }

    /** Ends the current call's generation; returns its future for cancelling outside the lock. */
    private CompletableFuture<Void> cancelCurrent() {
        CompletableFuture<Void> call = current;
        current = null;
        generation++;
        notifyAll();
        return call;
    }

    private boolean mayStart() {
        return !paused && queue.size() < settings.queueCapacity;
    }

    /** Fetcher thread: the next queued event, or null (also while paused). */
    synchronized Event poll() {
        if (paused) {
            return null;
        }
        Event event = queue.poll();
        notifyAll();
        return event;
    }

    /** True once the shard ended (or is gone) and every queued event was taken. */
    synchronized boolean isFinished() {
        return state == State.ENDED && queue.isEmpty();
    }

    /** The error to fail the reader with, once every queued event was taken; else null. */
    synchronized KinesisConnectorException failure() {
        return state == State.FAILED && queue.isEmpty() ? failures.failure() : null;
    }

    /** Clock time at which {@link #maintain} has something to do, or {@code Long.MAX_VALUE}. */
    synchronized long nextDeadline() {
        if (state == State.SUBSCRIBING) {
            return firstEventDeadline;
        }
        return state == State.WAITING && mayStart() ? nextAttemptAt : Long.MAX_VALUE;
    }

    synchronized void setPaused(boolean pause) {
        paused = pause;
        notifyAll();
    }

    /** Cancels the call in flight and drops queued events; the subscription is not used again. */
    void close() {
        CompletableFuture<Void> toCancel;
        synchronized (this) {
            state = State.CLOSED;
            queue.clear();
            toCancel = cancelCurrent();
        }
        if (toCancel != null) {
            toCancel.cancel(true);
        }
    }

    private final class Handler implements FanOutProxy.SubscriptionHandler {
        private final int attempt;

        Handler(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public void onBatch(RecordBatch batch, String continuationSequenceNumber) {
            CompletableFuture<Void> toCancel = null;
            synchronized (FanOutShardSubscription.this) {
                if (attempt != generation
                        || (state != State.SUBSCRIBING && state != State.STREAMING)) {
                    return; // a late event of a call that was cancelled or has ended
                }
                queue.add(new Event(batch, continuationSequenceNumber));
                state = batch.shardEnded() ? State.ENDED : State.STREAMING;
                failures.reset();
                advancePosition(batch.records(), continuationSequenceNumber);
                wakeFetcher.run();
                if (state == State.STREAMING && !awaitRoom()) {
                    toCancel = cancelCurrent();
                    state = State.WAITING;
                    long now = settings.nanoClock.getAsLong();
                    nextAttemptAt = now + retry.backoffNanos(1, true);
                    LOG.debug("Suspending subscription of shard {}: fetcher is behind", splitId());
                }
            }
            if (toCancel != null) {
                toCancel.cancel(true);
            }
        }

        /**
         * Waits, at most the handler's bound and not while paused, until the queue has room. False
         * when it is still full and the subscription has to be suspended.
         */
        private boolean awaitRoom() {
            long deadline = System.nanoTime() + settings.handlerMaxBlock.toNanos();
            try {
                long remaining;
                while (queue.size() >= settings.queueCapacity
                        && attempt == generation
                        && !paused
                        && (remaining = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(FanOutShardSubscription.this, remaining);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return queue.size() < settings.queueCapacity
                    || attempt != generation
                    || state != State.STREAMING;
        }

        private void advancePosition(List<KinesisRecord> records, String continuation) {
            if (continuation != null) {
                position = StartingPosition.afterSequenceNumber(continuation);
            } else if (!records.isEmpty()) {
                String last = records.get(records.size() - 1).sequenceNumber();
                position = StartingPosition.afterSequenceNumber(last);
            }
        }
    }
}
