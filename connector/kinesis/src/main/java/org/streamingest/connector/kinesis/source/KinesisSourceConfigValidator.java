package org.streamingest.connector.kinesis.source;

import org.streamingest.connector.kinesis.source.KinesisSourceOptions.InitialPosition;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions.ReaderType;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.util.TimeUtils;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Checks a Kinesis source {@link Configuration} before a job is built, so that a wrong option fails
 * at submission with a message naming the option key, the wrong value and the valid values.
 */
public final class KinesisSourceConfigValidator {

    /** Accepted forms of {@link KinesisSourceOptions#INITIAL_TIMESTAMP}, for messages. */
    public static final String TIMESTAMP_FORMATS =
            "ISO-8601 with an offset (for example '2026-11-01T12:00:00Z' or"
                    + " '2026-11-01T14:00:00.250+02:00') or epoch milliseconds (for example"
                    + " '1793534400000')";

    /** Kinesis consumer names: 1 to 128 of a-z, A-Z, 0-9, '_', '.', '-'. */
    private static final Pattern CONSUMER_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,19}");

    private static final int MAX_RECORDS_PER_GET = 10_000;
    private static final MemorySize MAX_RECORD_SIZE = MemorySize.ofMebiBytes(10);

    private KinesisSourceConfigValidator() {}

    /**
     * Validates every source option that is set (and the defaults of the others).
     *
     * @throws IllegalArgumentException naming the first wrong option, its value and what is valid
     */
    public static void validate(Configuration config) {
        InitialPosition position =
                enumValue(config, KinesisSourceOptions.INITIAL_POSITION, InitialPosition.class);
        String timestamp = config.get(KinesisSourceOptions.INITIAL_TIMESTAMP);
        if (position == InitialPosition.AT_TIMESTAMP) {
            if (timestamp == null || timestamp.isBlank()) {
                throw new IllegalArgumentException(
                        "'"
                                + KinesisSourceOptions.INITIAL_POSITION.key()
                                + "' is AT_TIMESTAMP but '"
                                + KinesisSourceOptions.INITIAL_TIMESTAMP.key()
                                + "' is not set: set it to "
                                + TIMESTAMP_FORMATS
                                + ".");
            }
            parseInitialTimestamp(timestamp);
        } else if (timestamp != null) {
            throw new IllegalArgumentException(
                    "'"
                            + KinesisSourceOptions.INITIAL_TIMESTAMP.key()
                            + "' is set but '"
                            + KinesisSourceOptions.INITIAL_POSITION.key()
                            + "' is "
                            + position
                            + ", which ignores it: set the position to AT_TIMESTAMP or remove the"
                            + " timestamp.");
        }
        int maxRecords =
                value(config, KinesisSourceOptions.GET_RECORDS_MAX, "an integer from 1 to 10000");
        if (maxRecords < 1 || maxRecords > MAX_RECORDS_PER_GET) {
            throw new IllegalArgumentException(
                    "'"
                            + KinesisSourceOptions.GET_RECORDS_MAX.key()
                            + "' is "
                            + maxRecords
                            + " but must be between 1 and "
                            + MAX_RECORDS_PER_GET
                            + " (the GetRecords limit).");
        }
        positive(config, KinesisSourceOptions.SHARD_DISCOVERY_INTERVAL, false);
        positive(config, KinesisSourceOptions.IDLE_SHARD_INTERVAL, true);
        positive(config, KinesisSourceOptions.EFO_SUBSCRIPTION_TIMEOUT, false);
        MemorySize maxSize =
                value(config, KinesisSourceOptions.RECORD_MAX_SIZE, "a size such as '1 mb'");
        if (maxSize.getBytes() < 1 || maxSize.compareTo(MAX_RECORD_SIZE) > 0) {
            throw new IllegalArgumentException(
                    "'"
                            + KinesisSourceOptions.RECORD_MAX_SIZE.key()
                            + "' is "
                            + maxSize.toHumanReadableString()
                            + " but must be between 1 byte and 10 mb (the Kinesis record limit).");
        }
        validateRefreshStartTime(config);
        enumValue(
                config,
                KinesisSourceOptions.EFO_LIFECYCLE,
                KinesisSourceOptions.EfoLifecycle.class);
        if (enumValue(config, KinesisSourceOptions.READER_TYPE, ReaderType.class)
                == ReaderType.EFO) {
            String consumer = config.get(KinesisSourceOptions.EFO_CONSUMER_NAME);
            if (consumer == null || !CONSUMER_NAME.matcher(consumer).matches()) {
                throw new IllegalArgumentException(
                        "'"
                                + KinesisSourceOptions.READER_TYPE.key()
                                + "' is EFO, which needs '"
                                + KinesisSourceOptions.EFO_CONSUMER_NAME.key()
                                + "': "
                                + (consumer == null
                                        ? "it is not set"
                                        : "'" + consumer + "' is invalid")
                                + ". Use 1 to 128 characters from a-z, A-Z, 0-9, '_', '.' and '-'.");
            }
        }
    }

    /**
     * Parses {@link KinesisSourceOptions#INITIAL_TIMESTAMP}: ISO-8601 with an offset or epoch
     * milliseconds.
     *
     * @throws IllegalArgumentException naming the option and the accepted formats
     */
    public static Instant parseInitialTimestamp(String value) {
        String trimmed = value.trim();
        try {
            if (EPOCH_MILLIS.matcher(trimmed).matches()) {
                return Instant.ofEpochMilli(Long.parseLong(trimmed));
            }
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'"
                            + KinesisSourceOptions.INITIAL_TIMESTAMP.key()
                            + "' is '"
                            + value
                            + "', which is not a timestamp: use "
                            + TIMESTAMP_FORMATS
                            + ".",
                    e);
        }
    }

    /**
     * The start of a manual refresh, or null when {@link KinesisSourceOptions#REFRESH_START_TIME}
     * is not set.
     *
     * @throws IllegalArgumentException naming the option and the accepted formats
     */
    public static Instant refreshStartTime(Configuration config) {
        String value = config.get(KinesisSourceOptions.REFRESH_START_TIME);
        if (value == null) {
            return null;
        }
        try {
            return parseTimestamp(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'"
                            + KinesisSourceOptions.REFRESH_START_TIME.key()
                            + "' is '"
                            + value
                            + "', which is not a timestamp: use "
                            + TIMESTAMP_FORMATS
                            + ".",
                    e);
        }
    }

    private static void validateRefreshStartTime(Configuration config) {
        if (refreshStartTime(config) != null
                && enumValue(config, KinesisSourceOptions.READER_TYPE, ReaderType.class)
                        == ReaderType.EFO) {
            throw new IllegalArgumentException(
                    "'"
                            + KinesisSourceOptions.REFRESH_START_TIME.key()
                            + "' (a manual refresh) works with the POLLING reader only, but '"
                            + KinesisSourceOptions.READER_TYPE.key()
                            + "' is EFO: set the reader type to POLLING for refreshing views, or"
                            + " remove the refresh start time.");
        }
    }

    private static Instant parseTimestamp(String value) {
        String trimmed = value.trim();
        if (EPOCH_MILLIS.matcher(trimmed).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(trimmed));
        }
        return OffsetDateTime.parse(trimmed).toInstant();
    }

    private static <E extends Enum<E>> E enumValue(
            Configuration config, ConfigOption<E> option, Class<E> type) {
        return value(config, option, "one of " + Arrays.toString(type.getEnumConstants()));
    }

    /** Reads an option, turning Flink's parse error into one that names key, value and form. */
    private static <T> T value(Configuration config, ConfigOption<T> option, String validForm) {
        try {
            return config.get(option);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'"
                            + option.key()
                            + "' is '"
                            + config.toMap().get(option.key())
                            + "' but must be "
                            + validForm
                            + ".",
                    e);
        }
    }

    private static void positive(
            Configuration config, ConfigOption<Duration> option, boolean zeroAllowed) {
        Duration value = value(config, option, "a duration such as '10 s' or '250 ms'");
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(
                    "'"
                            + option.key()
                            + "' is "
                            + TimeUtils.formatWithHighestUnit(value)
                            + " but must be "
                            + (zeroAllowed ? "zero or positive" : "positive")
                            + ", for example '10 s'.");
        }
    }
}
