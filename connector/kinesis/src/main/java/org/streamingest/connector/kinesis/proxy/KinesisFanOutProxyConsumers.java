package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.AwsClientFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * EFO consumer registration on the async client: register (an existing consumer of that name is
 * reused), wait for ACTIVE, describe, deregister and wait until it is gone. Waiting polls
 * DescribeStreamConsumer with a growing delay up to a deadline.
 */
final class KinesisFanOutProxyConsumers {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisFanOutProxyConsumers.class);
    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration MAX_POLL = Duration.ofSeconds(2);

    private final AwsClientFactory clients;
    private final Duration registerTimeout;
    private final Duration deregisterTimeout;

    KinesisFanOutProxyConsumers(
            AwsClientFactory clients, Duration registerTimeout, Duration deregisterTimeout) {
        this.clients = clients;
        this.registerTimeout = registerTimeout;
        this.deregisterTimeout = deregisterTimeout;
    }

    String register(StreamId stream, String name) {
        String streamArn = streamArn(stream);
        String subject = subject(stream, name);
        try {
            join(
                    "RegisterStreamConsumer",
                    stream,
                    subject,
                    () ->
                            client(streamArn)
                                    .registerStreamConsumer(
                                            r -> r.streamARN(streamArn).consumerName(name)));
            LOG.info("Registered {}", subject);
        } catch (KinesisConnectorException e) {
            if (!(e.getCause() instanceof ResourceInUseException)) {
                throw e;
            }
            LOG.info("{} exists already; reusing it", subject);
        }
        return awaitActive(stream, streamArn, name);
    }

    String describeActive(StreamId stream, String name) {
        return awaitActive(stream, streamArn(stream), name);
    }

    void deregister(StreamId stream, String name) {
        String streamArn = streamArn(stream);
        String subject = subject(stream, name);
        try {
            join(
                    "DeregisterStreamConsumer",
                    stream,
                    subject,
                    () ->
                            client(streamArn)
                                    .deregisterStreamConsumer(
                                            r -> r.streamARN(streamArn).consumerName(name)));
        } catch (StreamNotFoundException gone) {
            return;
        }
        long deadline = System.nanoTime() + deregisterTimeout.toNanos();
        Duration delay = FIRST_POLL;
        while (System.nanoTime() < deadline) {
            try {
                describe(stream, streamArn, name);
            } catch (StreamNotFoundException gone) {
                LOG.info("Deregistered {}", subject);
                return;
            }
            delay = pause(delay);
        }
        LOG.warn("{} still exists {} after deregistering it", subject, deregisterTimeout);
    }

    private String awaitActive(StreamId stream, String streamArn, String name) {
        long deadline = System.nanoTime() + registerTimeout.toNanos();
        Duration delay = FIRST_POLL;
        while (true) {
            ConsumerDescription c = describe(stream, streamArn, name);
            if (c.consumerStatus() == ConsumerStatus.ACTIVE) {
                return c.consumerARN();
            }
            if (System.nanoTime() > deadline) {
                throw new KinesisConnectorException(
                        capitalize(subject(stream, name))
                                + " is still "
                                + c.consumerStatusAsString()
                                + " after "
                                + registerTimeout
                                + "; it must be ACTIVE before shards can be subscribed to.");
            }
            delay = pause(delay);
        }
    }

    private ConsumerDescription describe(StreamId stream, String streamArn, String name) {
        return join(
                        "DescribeStreamConsumer",
                        stream,
                        subject(stream, name),
                        () ->
                                client(streamArn)
                                        .describeStreamConsumer(
                                                r -> r.streamARN(streamArn).consumerName(name)))
                .consumerDescription();
    }

    /** Consumers are registered on a stream ARN; a stream addressed by name is looked up. */
    private String streamArn(StreamId stream) {
        if (stream.isArn()) {
            return stream.arn();
        }
        return join(
                        "DescribeStreamSummary",
                        stream,
                        KinesisStreamProxy.subject(stream),
                        () -> client(null).describeStreamSummary(r -> r.streamName(stream.name())))
                .streamDescriptionSummary()
                .streamARN();
    }

    private KinesisAsyncClient client(String arn) {
        return clients.kinesisAsync(arn);
    }

    private <T> T join(
            String action, StreamId stream, String subject, Supplier<CompletableFuture<T>> call) {
        try {
            return call.get().join();
        } catch (RuntimeException e) {
            throw new KinesisProxyErrors(clients.endpoint(stream.arn()))
                    .translate(action, subject, e);
        }
    }

    private static Duration pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KinesisConnectorException("Interrupted while waiting for a consumer", e);
        }
        Duration next = delay.multipliedBy(2);
        return next.compareTo(MAX_POLL) > 0 ? MAX_POLL : next;
    }

    private static String subject(StreamId stream, String name) {
        return "enhanced fan-out consumer '" + name + "' of Kinesis stream '" + stream + "'";
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
