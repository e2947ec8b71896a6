package org.streamingest.connector.kinesis.source;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

import java.nio.charset.StandardCharsets;

/** Captures shard, sequence number, partition key and UTF-8 data of every record, and when. */
final class ReadRecordDeserializer implements KinesisDeserializationSchema<ReadRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(KinesisRecord record, ShardContext shard, Collector<ReadRecord> out) {
        ReadRecord read =
                new ReadRecord(
                        shard.shardId(),
                        record.sequenceNumber(),
                        record.partitionKey(),
                        new String(record.data(), StandardCharsets.UTF_8),
                        System.nanoTime());
        read.refreshTimeMillis = shard.refreshTime().toEpochMilli();
        out.collect(read);
    }

    @Override
    public TypeInformation<ReadRecord> getProducedType() {
        return TypeInformation.of(ReadRecord.class);
    }
}
