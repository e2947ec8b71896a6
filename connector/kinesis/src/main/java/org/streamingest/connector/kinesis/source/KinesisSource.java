package org.streamingest.connector.kinesis.source;

import org.streamingest.connector.kinesis.aws.AwsConfigValidator;
import org.streamingest.connector.kinesis.aws.AwsProxyFactory;
import org.streamingest.connector.kinesis.proxy.FanOutProxy;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.enumerator.EfoConsumerEnumerator;
import org.streamingest.connector.kinesis.source.enumerator.KinesisSourceEnumerator;
import org.streamingest.connector.kinesis.source.enumerator.KinesisSourceEnumeratorState;
import org.streamingest.connector.kinesis.source.enumerator.KinesisSourceEnumeratorStateSerializer;
import org.streamingest.connector.kinesis.source.reader.KinesisSourceReader;
import org.streamingest.connector.kinesis.source.reader.fanout.EfoConsumerRegistrar;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplitSerializer;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.util.Objects;

/**
 * A FLIP-27 source that reads every shard of one Kinesis stream exactly once across failures and
 * resharding. Shards are splits; the enumerator discovers them and hands a child shard out only
 * after its parents were read to their end, so per-partition-key order survives SplitShard,
 * MergeShards and UpdateShardCount. Checkpoints hold, per shard, the sequence number of the last
 * emitted record.
 *
 * <pre>{@code
 * KinesisSource<RowData> source = KinesisSource.<RowData>builder()
 *         .setStream("orders")
 *         .setConfig(config) // aws.* and scan.* options
 *         .setDeserializationSchema(schema)
 *         .build();
 * env.fromSource(source, WatermarkStrategy.noWatermarks(), "orders");
 * }</pre>
 */
public final class KinesisSource<T>
        implements Source<T, KinesisShardSplit, KinesisSourceEnumeratorState>,
                ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final StreamId stream;
    private final Configuration config;
    private final KinesisDeserializationSchema<T> deserializationSchema;
    private final ProxyFactory proxies;

    private KinesisSource(
            StreamId stream,
            Configuration config,
            KinesisDeserializationSchema<T> deserializationSchema,
            ProxyFactory proxies) {
        this.stream = stream;
        this.config = config;
        this.deserializationSchema = deserializationSchema;
        this.proxies = proxies;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, KinesisSourceEnumeratorState> createEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context) {
        return withEfoConsumer(
                new KinesisSourceEnumerator(
                        context, stream, config, proxies.createStreamProxy(), null));
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, KinesisSourceEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context,
            KinesisSourceEnumeratorState checkpoint) {
        return withEfoConsumer(
                new KinesisSourceEnumerator(
                        context, stream, config, proxies.createStreamProxy(), checkpoint));
    }

    /** With enhanced fan-out, the enumerator also owns the consumer registration. */
    private SplitEnumerator<KinesisShardSplit, KinesisSourceEnumeratorState> withEfoConsumer(
            KinesisSourceEnumerator enumerator) {
        if (config.get(KinesisSourceOptions.READER_TYPE) != KinesisSourceOptions.ReaderType.EFO) {
            return enumerator;
        }
        FanOutProxy fanOut = proxies.createFanOutProxy();
        return new EfoConsumerEnumerator(
                enumerator, new EfoConsumerRegistrar(fanOut, stream, config), fanOut);
    }

    @Override
    public SourceReader<T, KinesisShardSplit> createReader(SourceReaderContext readerContext) {
        return new KinesisSourceReader<>(
                readerContext, stream, config, proxies, deserializationSchema);
    }

    @Override
    public SimpleVersionedSerializer<KinesisShardSplit> getSplitSerializer() {
        return new KinesisShardSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KinesisSourceEnumeratorState>
            getEnumeratorCheckpointSerializer() {
        return new KinesisSourceEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializationSchema.getProducedType();
    }

    public StreamId stream() {
        return stream;
    }

    /** Builds a {@link KinesisSource}; validates every option before the job is submitted. */
    public static final class Builder<T> {
        private String stream;
        private Configuration config = new Configuration();
        private KinesisDeserializationSchema<T> deserializationSchema;
        private ProxyFactory proxies;

        private Builder() {}

        /** The stream to read, by name (case sensitive) or ARN. */
        public Builder<T> setStream(String nameOrArn) {
            this.stream = nameOrArn;
            return this;
        }

        /** The {@code aws.*} and {@code scan.*} options. */
        public Builder<T> setConfig(Configuration config) {
            this.config = new Configuration(Objects.requireNonNull(config, "config"));
            return this;
        }

        public Builder<T> setDeserializationSchema(KinesisDeserializationSchema<T> schema) {
            this.deserializationSchema = schema;
            return this;
        }

        /** Replaces the AWS SDK seam, for tests; by default it is built from the options. */
        public Builder<T> setProxyFactory(ProxyFactory proxies) {
            this.proxies = proxies;
            return this;
        }

        public KinesisSource<T> build() {
            if (stream == null) {
                throw new IllegalArgumentException(
                        "No stream set: call setStream(\"<stream name or ARN>\").");
            }
            if (deserializationSchema == null) {
                throw new IllegalArgumentException(
                        "No deserialization schema set: call setDeserializationSchema(...).");
            }
            StreamId id = StreamId.of(stream);
            AwsConfigValidator.validate(config);
            KinesisSourceConfigValidator.validate(config);
            ProxyFactory factory = proxies != null ? proxies : new AwsProxyFactory(config);
            return new KinesisSource<>(id, config, deserializationSchema, factory);
        }
    }
}
