package org.streamingest.connector.kinesis.source;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisSourceConfigValidatorTest {

    @Test
    void defaultsAreValid() {
        assertThatCode(() -> KinesisSourceConfigValidator.validate(new Configuration()))
                .doesNotThrowAnyException();
    }

    @Test
    void atTimestampWithIsoOrEpochMillisIsValid() {
        assertThatCode(
                        () ->
                                validate(
                                        "scan.stream.initial-position", "AT_TIMESTAMP",
                                        "scan.stream.initial-timestamp", "1793534400000"))
                .doesNotThrowAnyException();
        assertThat(KinesisSourceConfigValidator.parseInitialTimestamp("1793534400000"))
                .isEqualTo(Instant.ofEpochMilli(1793534400000L));
        assertThat(
                        KinesisSourceConfigValidator.parseInitialTimestamp(
                                "2026-11-01T14:00:00.250+02:00"))
                .isEqualTo(Instant.parse("2026-11-01T12:00:00.250Z"));
        assertThat(KinesisSourceConfigValidator.parseInitialTimestamp(" 2026-11-01T12:00:00Z "))
                .isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));
    }

    @Test
    void atTimestampRequiresATimestamp() {
        assertThatThrownBy(() -> validate("scan.stream.initial-position", "AT_TIMESTAMP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.stream.initial-timestamp' is not set")
                .hasMessageContaining("epoch milliseconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-01T12:00:00", "2026-11-01", "12.5"})
    void atTimestampRejectsUnparsableTimestampNamingTheFormats(String value) {
        assertThatThrownBy(
                        () ->
                                validate(
                                        "scan.stream.initial-position",
                                        "AT_TIMESTAMP",
                                        "scan.stream.initial-timestamp",
                                        value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.stream.initial-timestamp' is '" + value + "'")
                .hasMessageContaining("ISO-8601 with an offset")
                .hasMessageContaining("epoch milliseconds");
    }

    @Test
    void timestampWithoutAtTimestampIsRejected() {
        assertThatThrownBy(() -> validate("scan.stream.initial-timestamp", "1793534400000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.stream.initial-position' is TRIM_HORIZON")
                .hasMessageContaining("set the position to AT_TIMESTAMP");
    }

    @Test
    void unknownInitialPositionNamesTheValidValues() {
        assertThatThrownBy(() -> validate("scan.stream.initial-position", "EARLIEST"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.stream.initial-position' is 'EARLIEST'")
                .hasMessageContaining("[TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10001", "-5"})
    void maxRecordCountMustBeWithinTheGetRecordsLimit(String value) {
        assertThatThrownBy(() -> validate("scan.shard.get-records.max-record-count", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.shard.get-records.max-record-count' is " + value)
                .hasMessageContaining("between 1 and 10000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "10000"})
    void maxRecordCountLimitsAreValid(String value) {
        assertThatCode(() -> validate("scan.shard.get-records.max-record-count", value))
                .doesNotThrowAnyException();
    }

    @Test
    void nonNumericMaxRecordCountNamesTheOption() {
        assertThatThrownBy(() -> validate("scan.shard.get-records.max-record-count", "lots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.shard.get-records.max-record-count' is 'lots'")
                .hasMessageContaining("an integer from 1 to 10000");
    }

    @Test
    void efoRequiresAConsumerName() {
        assertThatThrownBy(() -> validate("scan.reader.type", "EFO"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.efo.consumer-name': it is not set");
        assertThatThrownBy(
                        () ->
                                validate(
                                        "scan.reader.type", "EFO",
                                        "scan.efo.consumer-name", "my consumer"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'my consumer' is invalid");
        assertThatCode(
                        () ->
                                validate(
                                        "scan.reader.type", "EFO",
                                        "scan.efo.consumer-name", "redshift-mv_1"))
                .doesNotThrowAnyException();
    }

    @Test
    void unknownReaderTypeNamesTheValidValues() {
        assertThatThrownBy(() -> validate("scan.reader.type", "FANOUT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.reader.type' is 'FANOUT'")
                .hasMessageContaining("[POLLING, EFO]");
    }

    @Test
    void durationsMustBePositive() {
        assertThatThrownBy(() -> validate("scan.shard.discovery-interval", "0 s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.shard.discovery-interval' is 0 ms")
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> validate("scan.shard.discovery-interval", "soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.shard.discovery-interval' is 'soon'");
        assertThatCode(() -> validate("scan.shard.idle-interval", "0 ms"))
                .doesNotThrowAnyException();
    }

    @Test
    void recordMaxSizeMustStayWithinTheKinesisLimit() {
        assertThatThrownBy(() -> validate("scan.record.max-size", "11 mb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.record.max-size'")
                .hasMessageContaining("between 1 byte and 10 mb");
        assertThatCode(() -> validate("scan.record.max-size", "10 mb")).doesNotThrowAnyException();
    }

    private static void validate(String... keyValues) {
        Configuration config = new Configuration();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.setString(keyValues[i], keyValues[i + 1]);
        }
        KinesisSourceConfigValidator.validate(config);
    }
}
