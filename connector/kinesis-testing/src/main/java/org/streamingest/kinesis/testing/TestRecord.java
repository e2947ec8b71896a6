package org.streamingest.kinesis.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record as it sits in a stream: partition key, data, and where the server put it. {@link
 * TestStream#put} returns these in input order and {@link TestStream#readAll} returns them per
 * shard, so the two compare with {@code equals}.
 */
public record TestRecord(String partitionKey, byte[] data, String sequenceNumber, String shardId) {

    public TestRecord {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(shardId, "shardId");
        data = data.clone();
    }

    /** A copy of the record's data. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The data decoded as UTF-8. */
    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestRecord that
                && partitionKey.equals(that.partitionKey)
                && Arrays.equals(data, that.data)
                && sequenceNumber.equals(that.sequenceNumber)
                && shardId.equals(that.shardId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partitionKey, Arrays.hashCode(data), sequenceNumber, shardId);
    }

    @Override
    public String toString() {
        return "TestRecord{shard="
                + shardId
                + ", seq="
                + sequenceNumber
                + ", key="
                + partitionKey
                + ", data="
                + dataAsString()
                + "}";
    }
}
