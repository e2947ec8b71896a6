package org.streamingest.connector.kinesis.source.reader.fanout;

import org.streamingest.connector.kinesis.source.KinesisSourceOptions;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FanOutReaderSettingsTest {

    @Test
    void subscriptionTimeoutComesFromTheOption() {
        Configuration config = new Configuration();
        config.set(KinesisSourceOptions.EFO_SUBSCRIPTION_TIMEOUT, Duration.ofSeconds(15));

        FanOutReaderSettings settings = FanOutReaderSettings.fromConfig(config);

        assertThat(settings.subscriptionTimeout).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.queueCapacity).isEqualTo(2);
        assertThat(settings.resourceInUseBackoff).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void defaultSubscriptionTimeoutIsSixtySeconds() {
        assertThat(FanOutReaderSettings.fromConfig(new Configuration()).subscriptionTimeout)
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void nonPositiveTimeoutIsRejectedWithTheOptionName() {
        Configuration config = new Configuration();
        config.set(KinesisSourceOptions.EFO_SUBSCRIPTION_TIMEOUT, Duration.ZERO);

        assertThatThrownBy(() -> FanOutReaderSettings.fromConfig(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.efo.subscription-timeout' must be positive");
    }
}
