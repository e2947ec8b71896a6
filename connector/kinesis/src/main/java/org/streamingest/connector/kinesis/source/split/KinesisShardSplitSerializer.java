package org.streamingest.connector.kinesis.source.split;

import org.streamingest.connector.kinesis.proxy.StreamId;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Versioned binary form of a {@link KinesisShardSplit}, used in reader checkpoints and (embedded)
 * in the enumerator state.
 *
 * <p>Version 1 layout: stream name (UTF), ARN flag and ARN (UTF), shard id (UTF), starting position
 * (see {@link #writeStartingPosition}), parent count and parent ids (UTF), starting and ending hash
 * key (length-prefixed two's-complement bytes), finished flag. A later version must keep reading
 * version 1; {@code KinesisShardSplitSerializerTest} reads a committed version-1 fixture.
 */
public final class KinesisShardSplitSerializer
        implements SimpleVersionedSerializer<KinesisShardSplit> {

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    /** Shared instance; the serializer is stateless. */
    public static final KinesisShardSplitSerializer INSTANCE = new KinesisShardSplitSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(KinesisShardSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public KinesisShardSplit deserialize(int version, byte[] serialized) throws IOException {
        checkVersion(version);
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        KinesisShardSplit split = read(version, in);
        if (in.available() > 0) {
            throw new IOException(
                    "Serialized Kinesis shard split has "
                            + in.available()
                            + " unexpected trailing bytes (version "
                            + version
                            + "); the checkpoint is corrupt or from an incompatible connector.");
        }
        return split;
    }

    /** Writes one split in the current version's layout. */
    public static void write(KinesisShardSplit split, DataOutputView out) throws IOException {
        StreamId stream = split.stream();
        out.writeUTF(stream.name());
        out.writeBoolean(stream.isArn());
        if (stream.isArn()) {
            out.writeUTF(stream.arn());
        }
        out.writeUTF(split.shardId());
        writeStartingPosition(split.startingPosition(), out);
        out.writeInt(split.parentShardIds().size());
        for (String parent : split.parentShardIds()) {
            out.writeUTF(parent);
        }
        writeBigInteger(split.startingHashKey(), out);
        writeBigInteger(split.endingHashKey(), out);
        out.writeBoolean(split.finished());
    }

    /** Reads one split written by {@link #write} in layout {@code version}. */
    public static KinesisShardSplit read(int version, DataInputView in) throws IOException {
        checkVersion(version);
        String name = in.readUTF();
        StreamId stream = in.readBoolean() ? StreamId.of(in.readUTF()) : StreamId.of(name);
        String shardId = in.readUTF();
        StartingPosition position = readStartingPosition(version, in);
        int parentCount = in.readInt();
        if (parentCount < 0 || parentCount > 2) {
            throw new IOException(
                    "Serialized split of shard "
                            + shardId
                            + " claims "
                            + parentCount
                            + " parent shards (0 to 2 expected); the checkpoint is corrupt.");
        }
        List<String> parents = new ArrayList<>(parentCount);
        for (int i = 0; i < parentCount; i++) {
            parents.add(in.readUTF());
        }
        BigInteger startingHashKey = readBigInteger(in);
        BigInteger endingHashKey = readBigInteger(in);
        boolean finished = in.readBoolean();
        return new KinesisShardSplit(
                stream, shardId, position, parents, startingHashKey, endingHashKey, finished);
    }

    /** Type name (UTF), then the epoch second and nanos of AT_TIMESTAMP or the sequence number. */
    public static void writeStartingPosition(StartingPosition position, DataOutputView out)
            throws IOException {
        out.writeUTF(position.type().name());
        switch (position.type()) {
            case AT_TIMESTAMP:
                out.writeLong(position.timestamp().getEpochSecond());
                out.writeInt(position.timestamp().getNano());
                break;
            case AFTER_SEQUENCE_NUMBER:
            case AT_SEQUENCE_NUMBER:
                out.writeUTF(position.sequenceNumber());
                break;
            default:
                break;
        }
    }

    /** Reads a position written by {@link #writeStartingPosition} in layout {@code version}. */
    public static StartingPosition readStartingPosition(int version, DataInputView in)
            throws IOException {
        checkVersion(version);
        String typeName = in.readUTF();
        StartingPosition.Type type;
        try {
            type = StartingPosition.Type.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    "Unknown starting position type '"
                            + typeName
                            + "' in a serialized Kinesis split; this connector knows "
                            + Arrays.toString(StartingPosition.Type.values())
                            + ". The checkpoint was probably written by a newer connector.",
                    e);
        }
        switch (type) {
            case TRIM_HORIZON:
                return StartingPosition.fromStart();
            case LATEST:
                return StartingPosition.latest();
            case AT_TIMESTAMP:
                long seconds = in.readLong();
                int nanos = in.readInt();
                return StartingPosition.atTimestamp(Instant.ofEpochSecond(seconds, nanos));
            case AFTER_SEQUENCE_NUMBER:
                return StartingPosition.afterSequenceNumber(in.readUTF());
            case AT_SEQUENCE_NUMBER:
                return StartingPosition.atSequenceNumber(in.readUTF());
            default:
                throw new IOException("Unhandled starting position type " + type);
        }
    }

    private static void writeBigInteger(BigInteger value, DataOutputView out) throws IOException {
        byte[] bytes = value.toByteArray();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static BigInteger readBigInteger(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length <= 0 || length > 64) {
            throw new IOException(
                    "Serialized hash key has length "
                            + length
                            + " (1 to 64 bytes expected); the checkpoint is corrupt.");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new BigInteger(bytes);
    }

    private static void checkVersion(int version) throws IOException {
        if (version != VERSION_1) {
            throw new IOException(
                    "Cannot read a Kinesis shard split of serializer version "
                            + version
                            + ": this connector reads version "
                            + VERSION_1
                            + ". The checkpoint or savepoint was written by a newer connector;"
                            + " restore it with that connector version or start without state.");
        }
    }
}
