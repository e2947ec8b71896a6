package org.streamingest.connector.kinesis.source.reader.fanout;

import org.streamingest.connector.kinesis.proxy.FanOutProxy;
import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions.EfoLifecycle;

import org.apache.flink.configuration.Configuration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * Owns the enhanced fan-out consumer of one stream.
 *
 * <ul>
 *   <li>The enumerator (JobManager) calls {@link #registerOrVerify()} when it starts and {@link
 *       #deregisterIfJobManaged()} when it closes. With {@code JOB_MANAGED} these register and
 *       deregister the consumer (two jobs must therefore not share a job-managed consumer name);
 *       with {@code SELF_MANAGED} start only checks that the consumer exists, failing fast.
 *   <li>Each reader calls {@link #resolveConsumerArn()}, which retries patiently: the reader may
 *       start while the enumerator is still registering the consumer.
 * </ul>
 */
public final class EfoConsumerRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(EfoConsumerRegistrar.class);
    private static final Pattern CONSUMER_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    static final Duration RESOLVE_MIN_DELAY = Duration.ofSeconds(1);
    static final Duration RESOLVE_MAX_DELAY = Duration.ofSeconds(10);
    static final int RESOLVE_MAX_ATTEMPTS = 30;

    /** Waits between attempts; tests pass one that only records the delays. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final FanOutProxy proxy;
    private final StreamId stream;
    private final String consumerName;
    private final EfoLifecycle lifecycle;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    public EfoConsumerRegistrar(FanOutProxy proxy, StreamId stream, Configuration config) {
        this(proxy, stream, config, d -> Thread.sleep(d.toMillis()), () -> random());
    }

    EfoConsumerRegistrar(
            FanOutProxy proxy,
            StreamId stream,
            Configuration config,
            Sleeper sleeper,
            DoubleSupplier random) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.consumerName = validConsumerName(config);
        this.lifecycle = config.get(KinesisSourceOptions.EFO_LIFECYCLE);
        this.sleeper = sleeper;
        this.random = random;
    }

    /** The consumer name from {@code scan.efo.consumer-name}, checked. */
    public static String validConsumerName(Configuration config) {
        String name = config.get(KinesisSourceOptions.EFO_CONSUMER_NAME);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "'"
                            + KinesisSourceOptions.EFO_CONSUMER_NAME.key()
                            + "' is required when '"
                            + KinesisSourceOptions.READER_TYPE.key()
                            + "' is EFO: set it to the name of the enhanced fan-out consumer.");
        }
        if (!CONSUMER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "'"
                            + name
                            + "' is not a valid EFO consumer name ('"
                            + KinesisSourceOptions.EFO_CONSUMER_NAME.key()
                            + "'): use 1 to 128 characters from a-z, A-Z, 0-9, '_', '-' and '.'.");
        }
        return name;
    }

    public String consumerName() {
        return consumerName;
    }

    public EfoLifecycle lifecycle() {
        return lifecycle;
    }

    /**
     * Enumerator start: registers the consumer (JOB_MANAGED; an existing one is adopted) or checks
     * that it exists (SELF_MANAGED). Returns its ARN.
     */
    public String registerOrVerify() {
        if (lifecycle == EfoLifecycle.SELF_MANAGED) {
            try {
                return proxy.describeConsumer(stream, consumerName);
            } catch (StreamNotFoundException e) {
                throw new KinesisConnectorException(
                        String.format(
                                "EFO consumer '%s' is not registered on stream '%s'; register it or"
                                        + " set %s=%s",
                                consumerName,
                                stream.name(),
                                KinesisSourceOptions.EFO_LIFECYCLE.key(),
                                EfoLifecycle.JOB_MANAGED),
                        e);
            }
        }
        try {
            String arn = proxy.registerConsumer(stream, consumerName);
            LOG.info("Registered EFO consumer {} on stream {}: {}", consumerName, stream, arn);
            return arn;
        } catch (KinesisConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KinesisConnectorException(
                    String.format(
                            "Could not register EFO consumer '%s' on stream '%s': %s. A stream"
                                    + " allows at most 20 consumers; check the limit and that the"
                                    + " credentials allow kinesis:RegisterStreamConsumer.",
                            consumerName, stream.name(), e),
                    e);
        }
    }

    /**
     * Enumerator close: deregisters a JOB_MANAGED consumer; leaves a SELF_MANAGED one alone. Never
     * throws: a failure is logged with what to do.
     */
    public void deregisterIfJobManaged() {
        if (lifecycle != EfoLifecycle.JOB_MANAGED) {
            return;
        }
        try {
            proxy.deregisterConsumer(stream, consumerName);
            LOG.info("Deregistered EFO consumer {} from stream {}", consumerName, stream);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not deregister EFO consumer '{}' from stream '{}': {}. Deregister it"
                            + " yourself (DeregisterStreamConsumer), as it is billed while it exists.",
                    consumerName,
                    stream.name(),
                    e.toString());
        }
    }

    /**
     * Readers: the consumer's ARN, asking again with growing pauses while it does not exist or is
     * not ACTIVE yet. Fails at once on errors that waiting cannot fix (e.g. missing permission).
     */
    public String resolveConsumerArn() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= RESOLVE_MAX_ATTEMPTS; attempt++) {
            try {
                return proxy.describeConsumer(stream, consumerName);
            } catch (RuntimeException e) {
                if (SubscriptionRetryPolicy.classify(e) == SubscriptionRetryPolicy.Kind.FATAL) {
                    throw e;
                }
                last = e;
            }
            if (attempt < RESOLVE_MAX_ATTEMPTS) {
                pause(attempt);
            }
        }
        throw new KinesisConnectorException(
                String.format(
                        "EFO consumer '%s' of stream '%s' was not found ACTIVE after %d attempts;"
                                + " last error: %s. With %s=%s the job registers it when it starts"
                                + " (see the JobManager log); with %s register it before starting"
                                + " the job.",
                        consumerName,
                        stream.name(),
                        RESOLVE_MAX_ATTEMPTS,
                        last,
                        KinesisSourceOptions.EFO_LIFECYCLE.key(),
                        EfoLifecycle.JOB_MANAGED,
                        EfoLifecycle.SELF_MANAGED),
                last);
    }

    private void pause(int attempt) {
        long min = RESOLVE_MIN_DELAY.toMillis();
        long capped = Math.min(RESOLVE_MAX_DELAY.toMillis(), min << Math.min(attempt - 1, 20));
        long delay = capped / 2 + (long) (random.getAsDouble() * (capped / 2));
        try {
            sleeper.sleep(Duration.ofMillis(delay));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KinesisConnectorException(
                    "Interrupted while waiting for EFO consumer '" + consumerName + "'", e);
        }
    }

    private static double random() {
        return ThreadLocalRandom.current().nextDouble();
    }
}
