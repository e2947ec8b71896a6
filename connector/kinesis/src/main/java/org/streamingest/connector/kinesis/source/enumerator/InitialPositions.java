package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.source.KinesisSourceConfigValidator;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.configuration.Configuration;

import java.time.Instant;

/** Turns the configured initial position into the position of the first listing's shards. */
final class InitialPositions {

    private InitialPositions() {}

    /**
     * TRIM_HORIZON stays TRIM_HORIZON; LATEST becomes AT_TIMESTAMP({@code now}), so that every
     * shard, and a restore, starts at the same instant; AT_TIMESTAMP uses the configured time.
     */
    static StartingPosition resolve(Configuration config, Instant now) {
        switch (config.get(KinesisSourceOptions.INITIAL_POSITION)) {
            case LATEST:
                return StartingPosition.atTimestamp(now);
            case AT_TIMESTAMP:
                String value = config.get(KinesisSourceOptions.INITIAL_TIMESTAMP);
                if (value == null) {
                    throw new IllegalArgumentException(
                            "'"
                                    + KinesisSourceOptions.INITIAL_POSITION.key()
                                    + "' is AT_TIMESTAMP but '"
                                    + KinesisSourceOptions.INITIAL_TIMESTAMP.key()
                                    + "' is not set: set it to "
                                    + KinesisSourceConfigValidator.TIMESTAMP_FORMATS
                                    + ".");
                }
                return StartingPosition.atTimestamp(
                        KinesisSourceConfigValidator.parseInitialTimestamp(value));
            case TRIM_HORIZON:
            default:
                return StartingPosition.fromStart();
        }
    }
}
