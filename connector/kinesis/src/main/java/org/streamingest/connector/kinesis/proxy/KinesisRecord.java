package org.streamingest.connector.kinesis.proxy;

import java.time.Instant;
import java.util.Objects;

/** One record as read from a shard. The payload array is owned by the record; do not mutate it. */
public final class KinesisRecord {
    private final String partitionKey;
    private final String sequenceNumber;
    private final Instant approximateArrivalTimestamp;
    private final byte[] data;

    public KinesisRecord(
            String partitionKey,
            String sequenceNumber,
            Instant approximateArrivalTimestamp,
            byte[] data) {
        this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey");
        this.sequenceNumber = Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        this.approximateArrivalTimestamp =
                Objects.requireNonNull(approximateArrivalTimestamp, "approximateArrivalTimestamp");
        this.data = Objects.requireNonNull(data, "data");
    }

    public String partitionKey() {
        return partitionKey;
    }

    public String sequenceNumber() {
        return sequenceNumber;
    }

    public Instant approximateArrivalTimestamp() {
        return approximateArrivalTimestamp;
    }

    public byte[] data() {
        return data;
    }

    @Override
    public String toString() {
        return "KinesisRecord{pk="
                + partitionKey
                + ", seq="
                + sequenceNumber
                + ", bytes="
                + data.length
                + "}";
    }
}
