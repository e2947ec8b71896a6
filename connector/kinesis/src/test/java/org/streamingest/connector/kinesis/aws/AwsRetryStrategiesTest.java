package org.streamingest.connector.kinesis.aws;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

import static org.assertj.core.api.Assertions.assertThat;

class AwsRetryStrategiesTest {

    private static AwsServiceException error(String code, int status) {
        return KinesisException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .build();
    }

    @Test
    void provisionedThroughputAndLimitExceededAreThrottling() {
        assertThat(
                        AwsRetryStrategies.isThrottling(
                                error("ProvisionedThroughputExceededException", 400)))
                .isTrue();
        assertThat(AwsRetryStrategies.isThrottling(error("LimitExceededException", 400))).isTrue();
        assertThat(AwsRetryStrategies.isThrottling(error("Anything", 429))).isTrue();
    }

    @Test
    void otherErrorsAreNot() {
        assertThat(AwsRetryStrategies.isThrottling(error("ResourceNotFoundException", 400)))
                .isFalse();
        assertThat(AwsRetryStrategies.isThrottling(error("InternalFailure", 500))).isFalse();
        assertThat(AwsRetryStrategies.isThrottling(SdkClientException.create("io"))).isFalse();
    }

    @Test
    void attemptsComeFromTheOption() {
        Configuration c = new Configuration();
        c.set(AwsOptions.RETRY_MAX_ATTEMPTS, 7);
        assertThat(AwsRetryStrategies.create(c).maxAttempts()).isEqualTo(7);
        assertThat(AwsRetryStrategies.create(new Configuration()).maxAttempts()).isEqualTo(10);
    }
}
