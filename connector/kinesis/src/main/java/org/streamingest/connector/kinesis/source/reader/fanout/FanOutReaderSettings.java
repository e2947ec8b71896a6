package org.streamingest.connector.kinesis.source.reader.fanout;

import org.streamingest.connector.kinesis.source.KinesisSourceOptions;

import org.apache.flink.configuration.Configuration;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Tuning of the EFO split reader. Only the subscription timeout is a user option ({@link
 * KinesisSourceOptions#EFO_SUBSCRIPTION_TIMEOUT}); the rest are defaults that tests shorten. Time
 * is read from {@code nanoClock} so that tests can move it by hand instead of sleeping.
 */
final class FanOutReaderSettings {

    /** Events buffered per subscription before the handler holds back the next request. */
    static final int DEFAULT_QUEUE_CAPACITY = 2;

    /**
     * How long the subscription handler may hold the proxy's delivery thread while its queue is
     * full before it suspends the subscription instead (see {@link FanOutShardSubscription}). The
     * SDK proxy delivers on its own threads, never on Netty's, so this only bounds a stuck or very
     * slow fetcher; it is longer than the ~5 s a suspension costs, so ordinary backpressure blocks
     * rather than re-subscribes.
     */
    static final Duration DEFAULT_HANDLER_MAX_BLOCK = Duration.ofSeconds(10);

    /** Longest a fetch() waits when no subscription has anything to hand over. */
    static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);

    /** The service keeps a cancelled or ended subscription for about 5 s (notes/kinesis.md 3.5). */
    static final Duration DEFAULT_RESOURCE_IN_USE_BACKOFF = Duration.ofSeconds(5);

    static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(500);
    static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(20);
    static final int DEFAULT_MAX_ATTEMPTS = 10;

    final int queueCapacity;
    final Duration handlerMaxBlock;
    final Duration pollTimeout;
    final Duration subscriptionTimeout;
    final Duration resourceInUseBackoff;
    final Duration minBackoff;
    final Duration maxBackoff;
    final int maxAttempts;
    final LongSupplier nanoClock;
    final DoubleSupplier random;

    FanOutReaderSettings(
            int queueCapacity,
            Duration handlerMaxBlock,
            Duration pollTimeout,
            Duration subscriptionTimeout,
            Duration resourceInUseBackoff,
            Duration minBackoff,
            Duration maxBackoff,
            int maxAttempts,
            LongSupplier nanoClock,
            DoubleSupplier random) {
        if (queueCapacity < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("queue capacity and attempts must be positive");
        }
        this.queueCapacity = queueCapacity;
        this.handlerMaxBlock = handlerMaxBlock;
        this.pollTimeout = pollTimeout;
        this.subscriptionTimeout = subscriptionTimeout;
        this.resourceInUseBackoff = resourceInUseBackoff;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.maxAttempts = maxAttempts;
        this.nanoClock = nanoClock;
        this.random = random;
    }

    static FanOutReaderSettings fromConfig(Configuration config) {
        Duration timeout = config.get(KinesisSourceOptions.EFO_SUBSCRIPTION_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "'"
                            + KinesisSourceOptions.EFO_SUBSCRIPTION_TIMEOUT.key()
                            + "' must be positive, but is "
                            + timeout
                            + "; use e.g. '60 s'.");
        }
        return new FanOutReaderSettings(
                DEFAULT_QUEUE_CAPACITY,
                DEFAULT_HANDLER_MAX_BLOCK,
                DEFAULT_POLL_TIMEOUT,
                timeout,
                DEFAULT_RESOURCE_IN_USE_BACKOFF,
                DEFAULT_MIN_BACKOFF,
                DEFAULT_MAX_BACKOFF,
                DEFAULT_MAX_ATTEMPTS,
                System::nanoTime,
                () -> ThreadLocalRandom.current().nextDouble());
    }
}
