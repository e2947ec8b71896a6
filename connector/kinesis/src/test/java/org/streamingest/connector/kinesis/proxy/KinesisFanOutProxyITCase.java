package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.AwsClientFactory;
import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streamingest.connector.kinesis.proxy.StreamProxyContractBase.describe;
import static org.streamingest.connector.kinesis.proxy.StreamProxyContractBase.inShard;

/**
 * Enhanced fan-out against kinesis-mock's plain port, over HTTP/2 cleartext (h2c, prior knowledge)
 * and HTTP/1.1: consumer lifecycle, records delivered one event at a time on delivery threads, end
 * of a split shard, cancellation.
 */
@Tag("extended") // long: runs with -Pextended, not in the default run
@Timeout(180)
class KinesisFanOutProxyITCase {
    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();
    private static final String SHARD_0 = "shardId-000000000000";
    private static final Duration EVENT_WAIT = Duration.ofSeconds(60);

    TcpTap tap;

    @BeforeEach
    void tap() throws Exception {
        tap = new TcpTap(KINESIS.endpoint().toString());
    }

    @AfterEach
    void closeTap() throws Exception {
        tap.close();
    }

    @ParameterizedTest
    @EnumSource(AwsOptions.HttpProtocol.class)
    void subscribesReadsToShardEndAndDeregisters(AwsOptions.HttpProtocol protocol)
            throws Exception {
        // Given a shard with records that is then split, and records in its children
        TestStream s = KINESIS.streams().create("efo", 1);
        List<TestRecord> before = s.putStrings("b-0", "b-1", "b-2");
        List<String> children = s.split(SHARD_0);
        List<TestRecord> after = s.putStrings("a-0", "a-1", "a-2", "a-3", "a-4", "a-5");
        StreamId stream = StreamId.of(s.arn());
        Configuration config = StreamProxyContractBase.config(tap.endpoint());
        config.set(AwsOptions.HTTP_PROTOCOL, protocol);

        try (FanOutProxy proxy = new KinesisFanOutProxy(new AwsClientFactory(config), true)) {
            // When a consumer is registered (twice: the second finds the first)
            String consumerArn = proxy.registerConsumer(stream, "reader-" + protocol);
            assertThat(consumerArn).startsWith(s.arn() + "/consumer/reader-" + protocol + ":");
            assertThat(proxy.registerConsumer(StreamId.of(s.name()), "reader-" + protocol))
                    .isEqualTo(consumerArn);
            assertThat(proxy.describeConsumer(stream, "reader-" + protocol)).isEqualTo(consumerArn);

            // Then the closed parent delivers its records and ends
            Collector parent = new Collector();
            CompletableFuture<Void> parentDone =
                    proxy.subscribeToShard(
                            consumerArn, SHARD_0, StartingPosition.fromStart(), parent);
            List<String> parentRecords = parent.untilShardEnd();
            assertThat(parentRecords).containsExactlyElementsOf(inShard(before, SHARD_0));
            assertThat(parent.lastContinuation).isNull();
            parentDone.get(EVENT_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(parent.threads).allMatch(t -> t.startsWith("kinesis-efo-delivery-"));
            assertThat(parent.maxConcurrent.get()).isEqualTo(1);

            // And each open child delivers exactly its records; cancelling ends the subscription
            for (String child : children) {
                List<String> expected = inShard(after, child);
                Collector collector = new Collector();
                CompletableFuture<Void> done =
                        proxy.subscribeToShard(
                                consumerArn, child, StartingPosition.fromStart(), collector);
                assertThat(collector.records(expected.size())).containsExactlyElementsOf(expected);
                assertThat(collector.lastContinuation).isNotNull();
                assertThat(done.cancel(true)).isTrue();
                assertThat(done).isCancelled();
            }

            // Over the protocol asked for: h2c prior knowledge or HTTP/1.1 on the plain port
            assertThat(tap.prefaces())
                    .isNotEmpty()
                    .allMatch(
                            p ->
                                    p.startsWith(
                                            protocol == AwsOptions.HttpProtocol.HTTP2
                                                    ? "PRI * HTTP/2.0"
                                                    : "POST / HTTP/1.1"));

            // Finally the consumer is deregistered and gone
            proxy.deregisterConsumer(stream, "reader-" + protocol);
            assertThatThrownBy(() -> proxy.describeConsumer(stream, "reader-" + protocol))
                    .isInstanceOf(StreamNotFoundException.class)
                    .hasMessageContaining("consumer 'reader-" + protocol + "'");
        }
    }

    @Test
    void shardSplitDuringASubscriptionEndsAfterReSubscribing() throws Exception {
        // Given a subscription on an open shard that has delivered its first records
        TestStream s = KINESIS.streams().create("efo-live", 1);
        List<TestRecord> first = s.putStrings("x-0", "x-1");
        Configuration config = StreamProxyContractBase.config(KINESIS.endpoint().toString());
        try (FanOutProxy proxy = new KinesisFanOutProxy(new AwsClientFactory(config), true)) {
            String consumerArn = proxy.registerConsumer(StreamId.of(s.arn()), "live");
            Collector live = new Collector();
            CompletableFuture<Void> done =
                    proxy.subscribeToShard(
                            consumerArn, SHARD_0, StartingPosition.fromStart(), live);
            List<String> read = new ArrayList<>(live.records(2));

            // When more records arrive and the shard is split while subscribed
            List<TestRecord> second = s.putStrings("x-2");
            s.split(SHARD_0);

            // Then the subscription delivers them and completes normally once it sees the split
            long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
            while (!done.isDone() || !live.queue.isEmpty()) {
                assertThat(System.nanoTime()).as("subscription completes").isLessThan(deadline);
                RecordBatch batch = live.queue.poll(100, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    assertThat(batch.shardEnded()).isFalse();
                    read.addAll(describe(batch.records()));
                }
            }
            assertThat(done).isCompleted();
            // And a new subscription from where it stopped ends the shard with nothing repeated
            StartingPosition next = StartingPosition.afterSequenceNumber(live.lastContinuation);
            Collector rest = new Collector();
            subscribeRetryingWhileInUse(proxy, consumerArn, next, rest);
            read.addAll(rest.untilShardEnd());
            List<TestRecord> all = new ArrayList<>(first);
            all.addAll(second);
            assertThat(read).containsExactlyElementsOf(inShard(all, SHARD_0));
        }
    }

    /** Kinesis refuses a new subscription of the same consumer and shard for about 5 s. */
    private static void subscribeRetryingWhileInUse(
            FanOutProxy proxy, String consumerArn, StartingPosition from, Collector collector)
            throws InterruptedException {
        long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
        while (true) {
            CompletableFuture<Void> f =
                    proxy.subscribeToShard(consumerArn, SHARD_0, from, collector);
            try {
                f.get(2, TimeUnit.SECONDS);
                return; // ended already (the end event was queued)
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause())
                        .isInstanceOf(KinesisResourceInUseException.class)
                        .hasMessageContaining("ResourceInUse");
                assertThat(System.nanoTime()).isLessThan(deadline);
                TimeUnit.SECONDS.sleep(1); // back off, as a reader does
            }
        }
    }

    /** A reader-like handler: puts each event into a small bounded queue (blocking when full). */
    static final class Collector implements FanOutProxy.SubscriptionHandler {
        final BlockingQueue<RecordBatch> queue = new ArrayBlockingQueue<>(2);
        final List<String> threads = new ArrayList<>();
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        volatile String lastContinuation = "none yet";

        @Override
        public void onBatch(RecordBatch batch, String continuationSequenceNumber) {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                synchronized (threads) {
                    threads.add(Thread.currentThread().getName());
                }
                lastContinuation = continuationSequenceNumber;
                queue.put(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrent.decrementAndGet();
            }
        }

        List<String> untilShardEnd() throws InterruptedException {
            List<String> read = new ArrayList<>();
            long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                RecordBatch batch = queue.poll(1, TimeUnit.SECONDS);
                if (batch != null) {
                    read.addAll(describe(batch.records()));
                    if (batch.shardEnded()) {
                        return read;
                    }
                }
            }
            throw new AssertionError("no shard end within " + EVENT_WAIT + "; read " + read);
        }

        List<String> records(int expected) throws InterruptedException {
            List<String> read = new ArrayList<>();
            long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
            while (read.size() < expected && System.nanoTime() < deadline) {
                RecordBatch batch = queue.poll(1, TimeUnit.SECONDS);
                if (batch != null) {
                    assertThat(batch.shardEnded()).isFalse();
                    read.addAll(describe(batch.records()));
                }
            }
            return read;
        }
    }
}
