package org.streamingest.connector.kinesis.source;

import org.streamingest.kinesis.testing.TestRecord;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Objects;

/**
 * One record as the source emitted it: shard, sequence number, partition key, data, and when the
 * deserializer saw it ({@link System#nanoTime()}, comparable within the test JVM that runs the
 * MiniCluster). A Flink POJO, so it travels through the job without Kryo.
 */
public class ReadRecord {

    /** Orders records as the source emitted them; ties keep their list order (stable sorts). */
    public static final Comparator<ReadRecord> BY_EMISSION =
            Comparator.comparingLong(r -> r.emittedAtNanos);

    public String shardId;
    public String sequenceNumber;
    public String partitionKey;
    public String data;
    public long emittedAtNanos;

    /** {@link ShardContext#refreshTime()} of the record, in epoch milliseconds. */
    public long refreshTimeMillis;

    public ReadRecord() {}

    public ReadRecord(
            String shardId,
            String sequenceNumber,
            String partitionKey,
            String data,
            long emittedAtNanos) {
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
        this.partitionKey = partitionKey;
        this.data = data;
        this.emittedAtNanos = emittedAtNanos;
    }

    /** The record as the test servers' helpers describe what was put, for exact comparisons. */
    public TestRecord toTestRecord() {
        return new TestRecord(
                partitionKey, data.getBytes(StandardCharsets.UTF_8), sequenceNumber, shardId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadRecord that
                && emittedAtNanos == that.emittedAtNanos
                && Objects.equals(shardId, that.shardId)
                && Objects.equals(sequenceNumber, that.sequenceNumber)
                && Objects.equals(partitionKey, that.partitionKey)
                && Objects.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardId, sequenceNumber, partitionKey, data, emittedAtNanos);
    }

    @Override
    public String toString() {
        return "ReadRecord{shard="
                + shardId
                + ", seq="
                + sequenceNumber
                + ", key="
                + partitionKey
                + ", refreshTime="
                + refreshTimeMillis
                + ", data="
                + data
                + "}";
    }
}
