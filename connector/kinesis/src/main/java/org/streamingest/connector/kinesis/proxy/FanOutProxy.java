package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.source.split.StartingPosition;

import java.util.concurrent.CompletableFuture;

/**
 * The enhanced fan-out (EFO) half of the seam: consumer registration and SubscribeToShard. Like
 * {@link StreamProxy}, it hides the AWS SDK behind connector types.
 */
public interface FanOutProxy extends AutoCloseable {

    /**
     * Registers a consumer, or returns the ARN of the existing one with that name; waits for
     * ACTIVE.
     */
    String registerConsumer(StreamId stream, String consumerName);

    /**
     * ARN of an existing ACTIVE consumer; throws {@link StreamNotFoundException} if there is none.
     */
    String describeConsumer(StreamId stream, String consumerName);

    /** Deregisters the consumer; returns once it is gone or the timeout passed. */
    void deregisterConsumer(StreamId stream, String consumerName);

    /**
     * Opens one subscription (AWS ends it after about 5 minutes). Events are delivered to {@code
     * handler} one at a time: the next event is requested only after {@link
     * SubscriptionHandler#onBatch} returns, so a bounded handler gives backpressure without
     * blocking I/O threads. The returned future completes when the subscription ends (normally or
     * with an error); cancelling it cancels the subscription.
     */
    CompletableFuture<Void> subscribeToShard(
            String consumerArn,
            String shardId,
            StartingPosition position,
            SubscriptionHandler handler);

    @Override
    void close();

    /** Receives the events of one SubscribeToShard call. */
    interface SubscriptionHandler {
        /**
         * One event. {@code continuationSequenceNumber} is where a new subscription continues;
         * {@code batch.shardEnded()} is true when the shard is closed and fully delivered.
         */
        void onBatch(RecordBatch batch, String continuationSequenceNumber);
    }
}
