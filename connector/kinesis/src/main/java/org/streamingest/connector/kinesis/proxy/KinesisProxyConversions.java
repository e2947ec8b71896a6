package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.source.split.StartingPosition;

import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps SDK model objects to the connector's types and back; used by both Kinesis proxies. */
final class KinesisProxyConversions {

    private KinesisProxyConversions() {}

    static ShardInfo shard(Shard shard) {
        return new ShardInfo(
                shard.shardId(),
                shard.parentShardId(),
                shard.adjacentParentShardId(),
                new BigInteger(shard.hashKeyRange().startingHashKey()),
                new BigInteger(shard.hashKeyRange().endingHashKey()),
                shard.sequenceNumberRange() != null
                        && shard.sequenceNumberRange().endingSequenceNumber() != null);
    }

    /**
     * The SDK record's payload is taken without a copy: the SDK unmarshalled it into a fresh array
     * that nothing else references once the response is dropped.
     */
    static KinesisRecord record(Record r) {
        Instant arrival = r.approximateArrivalTimestamp();
        return new KinesisRecord(
                r.partitionKey(),
                r.sequenceNumber(),
                // Kinesis always sets it; EPOCH keeps a malformed answer readable.
                arrival != null ? arrival : Instant.EPOCH,
                r.data() != null ? r.data().asByteArrayUnsafe() : new byte[0]);
    }

    static List<KinesisRecord> records(List<Record> records) {
        List<KinesisRecord> out = new ArrayList<>(records.size());
        for (Record r : records) {
            out.add(record(r));
        }
        return out;
    }

    /** GetShardIterator for a position; the stream is addressed by ARN or by name. */
    static GetShardIteratorRequest shardIteratorRequest(
            StreamId stream, String shardId, StartingPosition position) {
        GetShardIteratorRequest.Builder b =
                GetShardIteratorRequest.builder()
                        .shardId(shardId)
                        .shardIteratorType(ShardIteratorType.fromValue(position.type().name()));
        switch (position.type()) {
            case AT_TIMESTAMP:
                b.timestamp(position.timestamp());
                break;
            case AT_SEQUENCE_NUMBER:
            case AFTER_SEQUENCE_NUMBER:
                b.startingSequenceNumber(position.sequenceNumber());
                break;
            default:
                break;
        }
        return stream.isArn()
                ? b.streamARN(stream.arn()).build()
                : b.streamName(stream.name()).build();
    }

    /** The EFO starting position of a SubscribeToShard call. */
    static software.amazon.awssdk.services.kinesis.model.StartingPosition fanOutPosition(
            StartingPosition position) {
        var b =
                software.amazon.awssdk.services.kinesis.model.StartingPosition.builder()
                        .type(position.type().name());
        switch (position.type()) {
            case AT_TIMESTAMP:
                b.timestamp(position.timestamp());
                break;
            case AT_SEQUENCE_NUMBER:
            case AFTER_SEQUENCE_NUMBER:
                b.sequenceNumber(position.sequenceNumber());
                break;
            default:
                break;
        }
        return b.build();
    }
}
