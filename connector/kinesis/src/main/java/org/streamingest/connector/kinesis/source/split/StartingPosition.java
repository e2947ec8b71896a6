package org.streamingest.connector.kinesis.source.split;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where reading of a shard starts: the shard's oldest record, a point in time, or just after a
 * sequence number already emitted. LATEST is resolved by the enumerator to AT_TIMESTAMP(job start)
 * so that a restart before the first checkpoint reads the same records.
 */
public final class StartingPosition implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Mirrors the Kinesis shard iterator types the connector uses. */
    public enum Type {
        TRIM_HORIZON,
        AT_TIMESTAMP,
        AFTER_SEQUENCE_NUMBER,
        AT_SEQUENCE_NUMBER,
        LATEST
    }

    private final Type type;
    private final Instant timestamp;
    private final String sequenceNumber;

    private StartingPosition(Type type, Instant timestamp, String sequenceNumber) {
        this.type = type;
        this.timestamp = timestamp;
        this.sequenceNumber = sequenceNumber;
    }

    public static StartingPosition fromStart() {
        return new StartingPosition(Type.TRIM_HORIZON, null, null);
    }

    public static StartingPosition latest() {
        return new StartingPosition(Type.LATEST, null, null);
    }

    public static StartingPosition atTimestamp(Instant timestamp) {
        return new StartingPosition(Type.AT_TIMESTAMP, Objects.requireNonNull(timestamp), null);
    }

    public static StartingPosition afterSequenceNumber(String sequenceNumber) {
        return new StartingPosition(
                Type.AFTER_SEQUENCE_NUMBER, null, Objects.requireNonNull(sequenceNumber));
    }

    public static StartingPosition atSequenceNumber(String sequenceNumber) {
        return new StartingPosition(
                Type.AT_SEQUENCE_NUMBER, null, Objects.requireNonNull(sequenceNumber));
    }

    public Type type() {
        return type;
    }

    /** Set for AT_TIMESTAMP only. */
    public Instant timestamp() {
        return timestamp;
    }

    /** Set for AFTER_SEQUENCE_NUMBER and AT_SEQUENCE_NUMBER only. */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StartingPosition)) {
            return false;
        }
        StartingPosition p = (StartingPosition) o;
        return type == p.type
                && Objects.equals(timestamp, p.timestamp)
                && Objects.equals(sequenceNumber, p.sequenceNumber);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, timestamp, sequenceNumber);
    }

    @Override
    public String toString() {
        switch (type) {
            case AT_TIMESTAMP:
                return "AT_TIMESTAMP(" + timestamp + ")";
            case AFTER_SEQUENCE_NUMBER:
            case AT_SEQUENCE_NUMBER:
                return type + "(" + sequenceNumber + ")";
            default:
                return type.name();
        }
    }
}
