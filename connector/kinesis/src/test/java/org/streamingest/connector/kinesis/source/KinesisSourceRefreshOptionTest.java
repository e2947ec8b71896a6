package org.streamingest.connector.kinesis.source;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code scan.refresh.start-time}: its forms and its errors. */
class KinesisSourceRefreshOptionTest {

    @Test
    void isoAndEpochMillisAreTheSameInstant() {
        assertThat(startTime("2026-11-01T12:00:00Z"))
                .isEqualTo(startTime("2026-11-01T14:00:00+02:00"))
                .isEqualTo(startTime("1793534400000"))
                .isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));
        assertThat(KinesisSourceConfigValidator.refreshStartTime(new Configuration())).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"now", "2026-11-01T12:00:00", "2026-11-01", "12.5"})
    void unparsableStartTimeNamesTheOptionAndTheFormats(String value) {
        assertThatThrownBy(() -> KinesisSourceConfigValidator.validate(config(value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.refresh.start-time' is '" + value + "'")
                .hasMessageContaining("ISO-8601 with an offset")
                .hasMessageContaining("epoch milliseconds");
    }

    @Test
    void enhancedFanOutIsRejected() {
        Configuration config = config("1793534400000");
        config.set(KinesisSourceOptions.READER_TYPE, KinesisSourceOptions.ReaderType.EFO);
        config.set(KinesisSourceOptions.EFO_CONSUMER_NAME, "views");

        assertThatThrownBy(() -> KinesisSourceConfigValidator.validate(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("works with the POLLING reader only")
                .hasMessageContaining("set the reader type to POLLING");
    }

    private static Instant startTime(String value) {
        return KinesisSourceConfigValidator.refreshStartTime(config(value));
    }

    private static Configuration config(String value) {
        Configuration config = new Configuration();
        config.set(KinesisSourceOptions.REFRESH_START_TIME, value);
        return config;
    }
}
