package org.streamingest.connector.kinesis.source;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * An exactly-once test sink on Flink's two-phase commit: writers stage the records of each
 * checkpoint as one batch, and the committer publishes a batch to {@link CommittedRecords} when its
 * checkpoint (or savepoint) completes, or again after a restore (idempotent by batch id). Unlike
 * the collect sink it survives a restore from a savepoint and keeps what was committed when a job
 * fails for good.
 */
final class CommittingTestSink
        implements Sink<ReadRecord>, SupportsCommitter<CommittingTestSink.Batch> {
    private static final long serialVersionUID = 1L;

    private final String outputId;

    CommittingTestSink(String outputId) {
        this.outputId = outputId;
    }

    @Override
    public SinkWriter<ReadRecord> createWriter(WriterInitContext context) {
        return new BatchWriter(outputId);
    }

    @Override
    public Committer<Batch> createCommitter(CommitterInitContext context) {
        return new BatchCommitter(outputId);
    }

    @Override
    public SimpleVersionedSerializer<Batch> getCommittableSerializer() {
        return new BatchSerializer();
    }

    /** Stages the records written since the last checkpoint. */
    private static final class BatchWriter implements CommittingSinkWriter<ReadRecord, Batch> {
        private final String outputId;
        private List<ReadRecord> pending = new ArrayList<>();

        BatchWriter(String outputId) {
            this.outputId = outputId;
        }

        @Override
        public void write(ReadRecord record, Context context) {
            CommittedRecords.written(outputId, record);
            pending.add(record);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<Batch> prepareCommit() {
            if (pending.isEmpty()) {
                return List.of();
            }
            Batch batch = new Batch(UUID.randomUUID().toString(), pending);
            pending = new ArrayList<>();
            return List.of(batch);
        }

        @Override
        public void close() {}
    }

    private static final class BatchCommitter implements Committer<Batch> {
        private final String outputId;

        BatchCommitter(String outputId) {
            this.outputId = outputId;
        }

        @Override
        public void commit(Collection<CommitRequest<Batch>> requests) {
            for (CommitRequest<Batch> request : requests) {
                Batch batch = request.getCommittable();
                CommittedRecords.commit(outputId, batch.id, batch.records);
            }
        }

        @Override
        public void close() {}
    }

    /** Version 2: batch id, record count, then each record's fields with its refresh time. */
    private static final class BatchSerializer implements SimpleVersionedSerializer<Batch> {
        @Override
        public int getVersion() {
            return 2;
        }

        @Override
        public byte[] serialize(Batch batch) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(batch.id);
                out.writeInt(batch.records.size());
                for (ReadRecord r : batch.records) {
                    out.writeUTF(r.shardId);
                    out.writeUTF(r.sequenceNumber);
                    out.writeUTF(r.partitionKey);
                    out.writeUTF(r.data);
                    out.writeLong(r.emittedAtNanos);
                    out.writeLong(r.refreshTimeMillis);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public Batch deserialize(int version, byte[] serialized) throws IOException {
            if (version != 2) {
                throw new IOException("Unknown test batch version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                String id = in.readUTF();
                int count = in.readInt();
                List<ReadRecord> records = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    ReadRecord record =
                            new ReadRecord(
                                    in.readUTF(),
                                    in.readUTF(),
                                    in.readUTF(),
                                    in.readUTF(),
                                    in.readLong());
                    record.refreshTimeMillis = in.readLong();
                    records.add(record);
                }
                return new Batch(id, records);
            }
        }
    }

    /** The records of one writer between two checkpoints, with a unique id. */
    static final class Batch {
        final String id;
        final List<ReadRecord> records;

        Batch(String id, List<ReadRecord> records) {
            this.id = id;
            this.records = List.copyOf(records);
        }
    }
}
