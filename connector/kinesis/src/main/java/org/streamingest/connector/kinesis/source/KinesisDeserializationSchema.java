package org.streamingest.connector.kinesis.source;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.io.Serializable;

/**
 * Turns one Kinesis record into zero or more values. Unlike a plain {@link DeserializationSchema}
 * it sees the record's metadata (partition key, sequence number, arrival time) and its shard.
 */
public interface KinesisDeserializationSchema<T> extends Serializable, ResultTypeQueryable<T> {

    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    void deserialize(KinesisRecord record, ShardContext shard, Collector<T> out) throws IOException;

    /** Adapts a payload-only schema: only {@link KinesisRecord#data()} is passed on. */
    static <T> KinesisDeserializationSchema<T> of(DeserializationSchema<T> payloadSchema) {
        return new KinesisDeserializationSchema<T>() {
            private static final long serialVersionUID = 1L;

            @Override
            public void open(DeserializationSchema.InitializationContext context) throws Exception {
                payloadSchema.open(context);
            }

            @Override
            public void deserialize(KinesisRecord record, ShardContext shard, Collector<T> out)
                    throws IOException {
                payloadSchema.deserialize(record.data(), out);
            }

            @Override
            public org.apache.flink.api.common.typeinfo.TypeInformation<T> getProducedType() {
                return payloadSchema.getProducedType();
            }
        };
    }
}
