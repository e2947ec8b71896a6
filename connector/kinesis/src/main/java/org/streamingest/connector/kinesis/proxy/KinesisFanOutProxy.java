package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.AwsClientFactory;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link FanOutProxy} on the async SDK client (Netty; HTTP/2 or HTTP/1.1 per {@code
 * aws.http.protocol}).
 *
 * <p>Handler contract: {@link SubscriptionHandler#onBatch} runs on one of this proxy's delivery
 * threads, never on a Netty I/O thread, and the next event is requested only after it returns. It
 * may therefore block, typically on {@code put} into the reader's bounded queue; that is the
 * backpressure. It should give up when the subscription's future is cancelled (the proxy interrupts
 * delivery threads only on {@link #close()}).
 *
 * <p>The end of a shard is an event without continuation sequence number. With {@code
 * detectShardEnds} (set by {@code AwsProxyFactory} when {@code aws.endpoint} is overridden, i.e.
 * for local servers) a shard that was closed when the subscription started also ends at its first
 * empty event, and an idle subscription whose shard closed meanwhile completes normally (at most
 * every 10 s it lists the shards to find out), so that the caller re-subscribes.
 *
 * <p>Errors on the returned future are translated: {@link StreamNotFoundException} (shard or
 * consumer gone), {@link KinesisAccessDeniedException}, {@link KinesisUnreachableException}, else
 * {@link KinesisConnectorException} (e.g. ResourceInUse within ~5 s of a previous subscription,
 * LimitExceeded, a dropped connection), after which the caller re-subscribes with a backoff.
 */
public final class KinesisFanOutProxy implements FanOutProxy {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisFanOutProxy.class);

    /** Longer than the 5 minutes after which Kinesis ends a subscription. */
    private static final Duration SUBSCRIPTION_CALL_TIMEOUT = Duration.ofMinutes(10);

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final AwsClientFactory clients;
    private final KinesisFanOutProxyConsumers consumers;
    private final KinesisFanOutProxyShardEnds shardEnds;
    private final ExecutorService delivery =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread t =
                                new Thread(r, "kinesis-efo-delivery-" + THREADS.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });

    /**
     * @param detectShardEnds also end shards by listing them, for servers whose SubscribeToShard
     *     never signals the end of a closed shard (kinesis-mock; see {@link
     *     KinesisFanOutProxyShardEnds})
     */
    public KinesisFanOutProxy(AwsClientFactory clients, boolean detectShardEnds) {
        this(clients, detectShardEnds, Duration.ofMinutes(2), Duration.ofSeconds(10));
    }

    /**
     * @param registerTimeout how long registration waits for the consumer to become ACTIVE
     * @param deregisterTimeout how long deregistration waits for the consumer to disappear
     */
    public KinesisFanOutProxy(
            AwsClientFactory clients,
            boolean detectShardEnds,
            Duration registerTimeout,
            Duration deregisterTimeout) {
        this.clients = clients;
        this.consumers =
                new KinesisFanOutProxyConsumers(clients, registerTimeout, deregisterTimeout);
        this.shardEnds = detectShardEnds ? new KinesisFanOutProxyShardEnds(clients) : null;
    }

    @Override
    public String registerConsumer(StreamId stream, String consumerName) {
        return consumers.register(stream, consumerName);
    }

    @Override
    public String describeConsumer(StreamId stream, String consumerName) {
        return consumers.describeActive(stream, consumerName);
    }

    @Override
    public void deregisterConsumer(StreamId stream, String consumerName) {
        consumers.deregister(stream, consumerName);
    }

    @Override
    public CompletableFuture<Void> subscribeToShard(
            String consumerArn,
            String shardId,
            StartingPosition position,
            SubscriptionHandler handler) {
        String subject = "shard '" + shardId + "' through consumer '" + consumerArn + "'";
        KinesisProxyErrors errors = new KinesisProxyErrors(clients.endpoint(consumerArn));
        CompletableFuture<Void> done = new CompletableFuture<>();
        KinesisFanOutProxySubscription.ShardEndRule shardEnd = null;
        if (shardEnds != null) {
            try {
                shardEnd =
                        new KinesisFanOutProxySubscription.ShardEndRule(
                                shardEnds.isClosed(consumerArn, shardId),
                                () -> shardEnds.isClosed(consumerArn, shardId),
                                KinesisFanOutProxySubscription.PROBE_INTERVAL_NANOS);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        KinesisFanOutProxySubscription subscription =
                new KinesisFanOutProxySubscription(
                        handler,
                        delivery,
                        done,
                        e -> errors.translate("SubscribeToShard", subject, e),
                        shardEnd);
        SubscribeToShardRequest request =
                SubscribeToShardRequest.builder()
                        .consumerARN(consumerArn)
                        .shardId(shardId)
                        .startingPosition(KinesisProxyConversions.fanOutPosition(position))
                        .overrideConfiguration(o -> o.apiCallTimeout(SUBSCRIPTION_CALL_TIMEOUT))
                        .build();
        SubscribeToShardResponseHandler responseHandler =
                SubscribeToShardResponseHandler.builder()
                        .subscriber(() -> subscription)
                        .onError(subscription::fail)
                        .build();
        KinesisAsyncClient client = clients.kinesisAsync(consumerArn);
        CompletableFuture<Void> call = client.subscribeToShard(request, responseHandler);
        call.whenComplete(
                (v, e) -> {
                    if (e != null) {
                        subscription.fail(e);
                    } else {
                        subscription.finish();
                    }
                });
        done.whenComplete(
                (v, e) -> {
                    if (done.isCancelled()) {
                        LOG.debug("Subscription to {} cancelled", subject);
                        subscription.cancel();
                        call.cancel(true);
                    }
                });
        return done;
    }

    @Override
    public void close() {
        delivery.shutdownNow();
        clients.close();
    }
}
