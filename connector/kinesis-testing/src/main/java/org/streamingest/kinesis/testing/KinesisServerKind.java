package org.streamingest.kinesis.testing;

import java.util.Locale;

/** The npm Kinesis-API servers this module can start. */
public enum KinesisServerKind {
    /**
     * kinesis-mock (npm {@code kinesis-local}): the whole API including ARN addressing,
     * ShardFilter, UpdateShardCount and EFO (h2c on the plain port), but slow once a shard holds
     * thousands of records.
     */
    KINESIS_MOCK("kinesis-mock"),

    /**
     * kinesalite: fast, but no ARN addressing, no UpdateShardCount, no EFO, and it only speaks
     * JSON: SDK clients must run with {@code aws.cborEnabled=false}.
     */
    KINESALITE("kinesalite");

    private final String displayName;

    KinesisServerKind(String displayName) {
        this.displayName = displayName;
    }

    /** The name used by the launch scripts and in log file names. */
    public String displayName() {
        return displayName;
    }

    /** Whether SDK clients may use the CBOR wire format (the SDK default) with this server. */
    public boolean supportsCbor() {
        return this == KINESIS_MOCK;
    }

    /** Whether the server implements UpdateShardCount. */
    public boolean supportsUpdateShardCount() {
        return this == KINESIS_MOCK;
    }

    /**
     * Parses a display name such as {@code kinesis-mock} or an enum name such as {@code
     * KINESALITE}.
     */
    public static KinesisServerKind fromName(String name) {
        for (KinesisServerKind kind : values()) {
            if (kind.displayName.equalsIgnoreCase(name)
                    || kind.name().equals(name.toUpperCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "Unknown Kinesis server '" + name + "': use kinesis-mock or kinesalite.");
    }

    @Override
    public String toString() {
        return displayName;
    }
}
