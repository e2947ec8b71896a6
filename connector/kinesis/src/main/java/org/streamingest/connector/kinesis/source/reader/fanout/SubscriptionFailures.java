package org.streamingest.connector.kinesis.source.reader.fanout;

import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failed SubscribeToShard attempts of one shard since its last event: how long to wait before
 * the next attempt, and the error to fail the reader with once the attempts are used up. Not
 * thread-safe; {@link FanOutShardSubscription} calls it under its lock.
 */
final class SubscriptionFailures {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionFailures.class);

    private final String consumerArn;
    private final KinesisShardSplit split;
    private final FanOutReaderSettings settings;
    private final SubscriptionRetryPolicy policy;
    private int failures;
    private Throwable lastError;
    private KinesisConnectorException failure;

    SubscriptionFailures(
            String consumerArn, KinesisShardSplit split, FanOutReaderSettings settings) {
        this.consumerArn = consumerArn;
        this.split = split;
        this.settings = settings;
        this.policy = new SubscriptionRetryPolicy(settings);
    }

    /** An event arrived: the shard makes progress again. */
    void reset() {
        failures = 0;
    }

    /**
     * Records a failed attempt. Returns the delay before the next one, or -1 when the attempts are
     * used up; {@link #failure()} then says why.
     *
     * @param serviceHoldsSubscription true after ResourceInUse and after the reader cancelled a
     *     call itself: the service then still counts that subscription for about 5 s
     */
    long record(Throwable error, boolean serviceHoldsSubscription) {
        failures++;
        lastError = SubscriptionRetryPolicy.unwrap(error);
        if (!policy.mayRetry(failures)) {
            fail(failures + " subscription attempts in a row failed");
            return -1;
        }
        long delay = policy.backoffNanos(failures, serviceHoldsSubscription);
        LOG.warn(
                "EFO subscription of consumer {} to shard {} failed (attempt {} of {}): {};"
                        + " retrying in {} ms",
                consumerArn,
                split.shardId(),
                failures,
                settings.maxAttempts,
                lastError.toString(),
                delay / 1_000_000);
        return delay;
    }

    /** An error that retrying cannot fix. */
    void recordFatal(Throwable error) {
        lastError = SubscriptionRetryPolicy.unwrap(error);
        fail("the subscription failed with an error that retrying cannot fix");
    }

    /** The error to fail the reader with, or null while attempts remain. */
    KinesisConnectorException failure() {
        return failure;
    }

    private void fail(String what) {
        boolean inUse =
                SubscriptionRetryPolicy.classify(lastError)
                        == SubscriptionRetryPolicy.Kind.RESOURCE_IN_USE;
        String hint =
                inUse
                        ? "Another subscription of this consumer to the shard is active: make sure"
                                + " no other job or reader uses the same '"
                                + KinesisSourceOptions.EFO_CONSUMER_NAME.key()
                                + "'."
                        : "Check that the Kinesis endpoint is reachable, that the consumer is ACTIVE"
                                + " and that the credentials allow kinesis:SubscribeToShard.";
        failure =
                new KinesisConnectorException(
                        String.format(
                                "EFO consumer '%s' could not read shard '%s' of stream '%s': %s;"
                                        + " last error: %s. %s",
                                consumerArn,
                                split.shardId(),
                                split.stream(),
                                what,
                                lastError,
                                hint),
                        lastError);
    }
}
