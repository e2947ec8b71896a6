package org.streamingest.connector.kinesis.source.reader;

import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.KinesisDeserializationSchema;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.ShardContext;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Deserializes one Kinesis record and emits the results with the record's arrival time as their
 * timestamp, then moves the split's position past the record. Because the position only advances
 * here, what a checkpoint stores is exactly what was emitted before it.
 *
 * <p>A record whose payload is larger than {@link KinesisSourceOptions#RECORD_MAX_SIZE} stops the
 * source with an error; its split's position stays before it, so after the limit is raised the job
 * resumes at that very record.
 */
public final class KinesisRecordEmitter<T>
        implements RecordEmitter<KinesisRecord, T, KinesisShardSplitState> {

    private final KinesisDeserializationSchema<T> schema;
    private final Supplier<Instant> refreshTime;
    private final long maxRecordBytes;
    private final Counter emittedRecords;
    private final TimestampedCollector<T> collector = new TimestampedCollector<>();

    /**
     * @param refreshTime start of the current refresh span, read for every record
     * @param maxRecordSize largest payload accepted
     */
    public KinesisRecordEmitter(
            KinesisDeserializationSchema<T> schema,
            Supplier<Instant> refreshTime,
            MemorySize maxRecordSize) {
        this(schema, refreshTime, maxRecordSize, new SimpleCounter());
    }

    /** As above, counting every Kinesis record emitted in {@code emittedRecords}. */
    public KinesisRecordEmitter(
            KinesisDeserializationSchema<T> schema,
            Supplier<Instant> refreshTime,
            MemorySize maxRecordSize,
            Counter emittedRecords) {
        this.emittedRecords = Objects.requireNonNull(emittedRecords, "emittedRecords");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.refreshTime = Objects.requireNonNull(refreshTime, "refreshTime");
        this.maxRecordBytes = maxRecordSize.getBytes();
    }

    @Override
    public void emitRecord(
            KinesisRecord record, SourceOutput<T> output, KinesisShardSplitState split)
            throws Exception {
        if (record.data().length > maxRecordBytes) {
            throw oversized(record, split);
        }
        collector.output = output;
        collector.timestamp = record.approximateArrivalTimestamp().toEpochMilli();
        try {
            schema.deserialize(
                    record,
                    new RecordShardContext(split.stream(), split.shardId(), refreshTime.get()),
                    collector);
        } finally {
            collector.output = null;
        }
        split.emitted(record.sequenceNumber());
        emittedRecords.inc();
    }

    private KinesisConnectorException oversized(
            KinesisRecord record, KinesisShardSplitState split) {
        return new KinesisConnectorException(
                String.format(
                        "Record %s of shard %s in stream '%s' has a payload of %d bytes, more than"
                                + " the %d bytes allowed by '%s'. Raise '%s' (Kinesis allows up to"
                                + " 10 MiB) and restart the job: it resumes at this record, so"
                                + " nothing read before it is lost and nothing is skipped.",
                        record.sequenceNumber(),
                        split.shardId(),
                        split.stream().name(),
                        record.data().length,
                        maxRecordBytes,
                        KinesisSourceOptions.RECORD_MAX_SIZE.key(),
                        KinesisSourceOptions.RECORD_MAX_SIZE.key()));
    }

    /** Forwards deserialized values to the split's output with the record's timestamp. */
    private static final class TimestampedCollector<T> implements Collector<T> {
        private SourceOutput<T> output;
        private long timestamp;

        @Override
        public void collect(T value) {
            output.collect(value, timestamp);
        }

        @Override
        public void close() {}
    }

    /** Where and when one record was read; immutable so deserializers may keep it. */
    private static final class RecordShardContext implements ShardContext {
        private final StreamId stream;
        private final String shardId;
        private final Instant refreshTime;

        RecordShardContext(StreamId stream, String shardId, Instant refreshTime) {
            this.stream = stream;
            this.shardId = shardId;
            this.refreshTime = refreshTime;
        }

        @Override
        public StreamId stream() {
            return stream;
        }

        @Override
        public String shardId() {
            return shardId;
        }

        @Override
        public Instant refreshTime() {
            return refreshTime;
        }
    }
}
