package org.streamingest.connector.kinesis.aws;

import org.apache.flink.configuration.ReadableConfig;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.time.Duration;
import java.util.Set;

/**
 * The retry strategy of every client the connector builds: the SDK's standard strategy with AWS's
 * retryable conditions (5xx, I/O errors such as a refused connection, throttling), exponential
 * backoff with half jitter between {@code aws.retry.min-delay} and {@code aws.retry.max-delay} for
 * both transient errors and throttling, {@code aws.retry.max-attempts} attempts, and no circuit
 * breaker (a shared token bucket would stop retries for every shard after a burst of throttling).
 *
 * <p>Throttling means ProvisionedThroughputExceeded (already an SDK throttling code) and
 * LimitExceeded (added here; Kinesis returns it for too many control-plane calls and for
 * SubscribeToShard bursts).
 */
public final class AwsRetryStrategies {

    static final Set<String> THROTTLING_CODES =
            Set.of("ProvisionedThroughputExceededException", "LimitExceededException");

    private AwsRetryStrategies() {}

    public static RetryStrategy create(ReadableConfig config) {
        Duration min = config.get(AwsOptions.RETRY_MIN_DELAY);
        Duration max = config.get(AwsOptions.RETRY_MAX_DELAY);
        BackoffStrategy backoff = BackoffStrategy.exponentialDelayHalfJitter(min, max);
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(config.get(AwsOptions.RETRY_MAX_ATTEMPTS))
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .retryOnException(AwsRetryStrategies::isThrottling)
                .treatAsThrottling(AwsRetryStrategies::isThrottling)
                .circuitBreakerEnabled(false)
                .build();
    }

    /** True for a throttling answer of the service (by error code or HTTP 429). */
    public static boolean isThrottling(Throwable error) {
        if (!(error instanceof AwsServiceException)) {
            return false;
        }
        AwsServiceException e = (AwsServiceException) error;
        if (e.isThrottlingException()) {
            return true;
        }
        return e.awsErrorDetails() != null
                && THROTTLING_CODES.contains(e.awsErrorDetails().errorCode());
    }
}
