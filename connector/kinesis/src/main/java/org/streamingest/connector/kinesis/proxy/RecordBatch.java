package org.streamingest.connector.kinesis.proxy;

import java.util.List;
import java.util.Objects;

/**
 * One GetRecords (or SubscribeToShard event) result. {@code shardEnded} is true when the shard is
 * closed and every record of it has now been returned: the caller emits {@code records} first and
 * then treats the shard as finished.
 */
public final class RecordBatch {
    private final List<KinesisRecord> records;
    private final long millisBehindLatest;
    private final boolean shardEnded;

    public RecordBatch(List<KinesisRecord> records, long millisBehindLatest, boolean shardEnded) {
        this.records = List.copyOf(Objects.requireNonNull(records, "records"));
        this.millisBehindLatest = millisBehindLatest;
        this.shardEnded = shardEnded;
    }

    public List<KinesisRecord> records() {
        return records;
    }

    /** How far the batch is behind the tip of the shard; -1 when the service did not say. */
    public long millisBehindLatest() {
        return millisBehindLatest;
    }

    public boolean shardEnded() {
        return shardEnded;
    }
}
