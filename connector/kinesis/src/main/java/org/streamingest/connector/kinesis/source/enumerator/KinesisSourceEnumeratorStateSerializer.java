package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplitSerializer;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Versioned binary form of {@link KinesisSourceEnumeratorState}.
 *
 * <p>Version 1 layout: the split serializer version (int) that the embedded splits and positions
 * use; split count, then per split the split ({@link KinesisShardSplitSerializer#write}) and its
 * status (1 = assigned, 0 = unassigned); finished shard count and ids (UTF); a flag and the last
 * seen shard id (UTF); the initial position. A later version must keep reading version 1; {@code
 * KinesisSourceEnumeratorStateSerializerTest} reads a committed version-1 fixture.
 */
public final class KinesisSourceEnumeratorStateSerializer
        implements SimpleVersionedSerializer<KinesisSourceEnumeratorState> {

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(KinesisSourceEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(KinesisShardSplitSerializer.CURRENT_VERSION);
        out.writeInt(state.splits().size());
        for (TrackedSplit tracked : state.splits()) {
            KinesisShardSplitSerializer.write(tracked.split(), out);
            out.writeBoolean(tracked.assigned());
        }
        out.writeInt(state.finishedShardIds().size());
        for (String shardId : state.finishedShardIds()) {
            out.writeUTF(shardId);
        }
        out.writeBoolean(state.lastSeenShardId() != null);
        if (state.lastSeenShardId() != null) {
            out.writeUTF(state.lastSeenShardId());
        }
        KinesisShardSplitSerializer.writeStartingPosition(state.initialPosition(), out);
        return out.getCopyOfBuffer();
    }

    @Override
    public KinesisSourceEnumeratorState deserialize(int version, byte[] serialized)
            throws IOException {
        if (version != VERSION_1) {
            throw new IOException(
                    "Cannot read Kinesis enumerator state of serializer version "
                            + version
                            + ": this connector reads version "
                            + VERSION_1
                            + ". The checkpoint or savepoint was written by a newer connector;"
                            + " restore it with that connector version or start without state.");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int splitVersion = in.readInt();
        int splitCount = readCount(in, "splits");
        List<TrackedSplit> splits = new ArrayList<>(splitCount);
        for (int i = 0; i < splitCount; i++) {
            KinesisShardSplit split = KinesisShardSplitSerializer.read(splitVersion, in);
            TrackedSplit.Status status =
                    in.readBoolean()
                            ? TrackedSplit.Status.ASSIGNED
                            : TrackedSplit.Status.UNASSIGNED;
            splits.add(new TrackedSplit(split, status));
        }
        int finishedCount = readCount(in, "finished shard ids");
        Set<String> finished = new HashSet<>();
        for (int i = 0; i < finishedCount; i++) {
            finished.add(in.readUTF());
        }
        String lastSeen = in.readBoolean() ? in.readUTF() : null;
        StartingPosition initial =
                KinesisShardSplitSerializer.readStartingPosition(splitVersion, in);
        if (in.available() > 0) {
            throw new IOException(
                    "Serialized Kinesis enumerator state has "
                            + in.available()
                            + " unexpected trailing bytes; the checkpoint is corrupt.");
        }
        return new KinesisSourceEnumeratorState(splits, finished, lastSeen, initial);
    }

    private static int readCount(DataInputDeserializer in, String what) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException(
                    "Serialized Kinesis enumerator state claims "
                            + count
                            + " "
                            + what
                            + " but has only "
                            + in.available()
                            + " bytes left; the checkpoint is corrupt.");
        }
        return count;
    }
}
