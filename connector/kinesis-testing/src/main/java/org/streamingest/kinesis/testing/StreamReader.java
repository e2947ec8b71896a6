package org.streamingest.kinesis.testing;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.util.ArrayList;
import java.util.List;

/** Reads everything currently in a stream with GetRecords from TRIM_HORIZON, shard by shard. */
final class StreamReader {

    private static final int PAGE_LIMIT = 10_000;

    private final KinesisClient client;
    private final String streamName;

    StreamReader(KinesisClient client, String streamName) {
        this.client = client;
        this.streamName = streamName;
    }

    /** All records of all shards (open and closed), shards in id order, each in sequence order. */
    List<TestRecord> readAll(List<Shard> shards) {
        List<TestRecord> records = new ArrayList<>();
        for (Shard shard : shards) {
            records.addAll(readShard(shard.shardId()));
        }
        return records;
    }

    /**
     * Reads one shard until the server has nothing more: a closed shard ends with a null next
     * iterator, an open one with an empty page (both servers return every available record).
     */
    List<TestRecord> readShard(String shardId) {
        List<TestRecord> records = new ArrayList<>();
        String iterator =
                client.getShardIterator(
                                r ->
                                        r.streamName(streamName)
                                                .shardId(shardId)
                                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page =
                    client.getRecords(r -> r.shardIterator(current).limit(PAGE_LIMIT));
            for (Record record : page.records()) {
                records.add(
                        new TestRecord(
                                record.partitionKey(),
                                record.data().asByteArray(),
                                record.sequenceNumber(),
                                shardId));
            }
            iterator = page.records().isEmpty() ? null : page.nextShardIterator();
        }
        return records;
    }
}
