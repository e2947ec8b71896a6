package org.streamingest.connector.kinesis.source.reader.fanout;

import org.streamingest.connector.kinesis.proxy.KinesisAccessDeniedException;
import org.streamingest.connector.kinesis.proxy.KinesisResourceInUseException;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What to do after a subscription ended with an error, and how long to wait before the next one.
 *
 * <p>Classification is by the connector's exception types, which the proxy translates service
 * errors into, never by messages or stack traces:
 *
 * <ul>
 *   <li>{@link StreamNotFoundException}: the shard (or stream) is gone, e.g. past retention; the
 *       split is finished.
 *   <li>{@link KinesisAccessDeniedException}, {@link Error} and the JDK's programming errors:
 *       retrying cannot help, the reader fails at once.
 *   <li>{@link KinesisResourceInUseException}: another subscription of the consumer to the shard is
 *       still active; retry after at least the resource-in-use backoff (about 5 s).
 *   <li>Everything else (LimitExceeded, internal failures, timeouts, I/O errors, other service
 *       errors) is retried with half-jitter exponential backoff, a bounded number of times.
 * </ul>
 */
final class SubscriptionRetryPolicy {

    enum Kind {
        SHARD_GONE,
        FATAL,
        RESOURCE_IN_USE,
        RECOVERABLE
    }

    private final FanOutReaderSettings settings;

    SubscriptionRetryPolicy(FanOutReaderSettings settings) {
        this.settings = settings;
    }

    /** The error a future or executor wrapped. */
    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static Kind classify(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof StreamNotFoundException) {
            return Kind.SHARD_GONE;
        }
        if (t instanceof KinesisResourceInUseException) {
            return Kind.RESOURCE_IN_USE;
        }
        if (t instanceof KinesisAccessDeniedException
                || t instanceof Error
                || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException
                || t instanceof NullPointerException
                || t instanceof UnsupportedOperationException
                || t instanceof ClassCastException) {
            return Kind.FATAL;
        }
        return Kind.RECOVERABLE;
    }

    /** Whether another attempt is allowed after {@code failures} failures in a row. */
    boolean mayRetry(int failures) {
        return failures < settings.maxAttempts;
    }

    /**
     * Delay before the next attempt after {@code failures} (>= 1) failures in a row.
     *
     * @param serviceHoldsSubscription true when the service still counts the previous subscription
     *     as active: after ResourceInUse, and after the reader cancelled one itself
     */
    long backoffNanos(int failures, boolean serviceHoldsSubscription) {
        long min = settings.minBackoff.toNanos();
        long max = Math.max(min, settings.maxBackoff.toNanos());
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        long exponential = min << shift;
        long capped = exponential <= 0 || exponential > max ? max : exponential;
        // Half jitter: between half and all of the exponential delay.
        long delay = capped / 2 + (long) (settings.random.getAsDouble() * (capped / 2));
        if (serviceHoldsSubscription) {
            long floor = settings.resourceInUseBackoff.toNanos();
            // Up to one extra second so that many shards do not come back in lockstep.
            long spread = (long) (settings.random.getAsDouble() * 1_000_000_000L);
            delay = Math.max(delay, floor + spread);
        }
        return delay;
    }
}
