package org.streamingest.connector.kinesis.source;

import org.streamingest.connector.kinesis.aws.AwsOptions;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes a small DataStream job: {@link KinesisSource} with {@link ReadRecordDeserializer},
 * optionally maps such as {@link FailOnceMap}, and an exactly-once sink (the collect sink by
 * default, or a {@link CommittingTestSink}). Runs on the MiniCluster of the test's {@code
 * MiniClusterExtension}.
 *
 * <pre>{@code
 * try (SourceJob job = SourceJob.reading(stream.name(), KINESIS.endpoint())
 *         .parallelism(2).checkpointEvery(Duration.ofMillis(250)).start()) {
 *     List<ReadRecord> read = job.awaitRecords(put.size(), TIMEOUT);
 * }
 * }</pre>
 */
final class SourceJobBuilder {
    static final String SOURCE_UID = "kinesis-source";

    private final String stream;
    private final Configuration sourceConfig = new Configuration();
    private int parallelism = 2;
    private Duration checkpointInterval;
    private int restartAttempts;
    private final List<MapFunction<ReadRecord, ReadRecord>> maps = new ArrayList<>();
    private String restorePath;
    private Path retainedCheckpoints;
    private String committedOutputId;
    private String sourceName;

    SourceJobBuilder(String stream, URI endpoint) {
        this.stream = stream;
        sourceConfig.set(AwsOptions.ENDPOINT, endpoint.toString());
        sourceConfig.set(AwsOptions.REGION, "us-east-1");
        sourceConfig.set(KinesisSourceOptions.SHARD_DISCOVERY_INTERVAL, Duration.ofMillis(500));
    }

    SourceJobBuilder parallelism(int parallelism) {
        this.parallelism = parallelism;
        return this;
    }

    /** Exactly-once checkpoints at this interval; without it the job takes none. */
    SourceJobBuilder checkpointEvery(Duration interval) {
        this.checkpointInterval = interval;
        return this;
    }

    /** Restart up to {@code attempts} times after a failure; by default a failure is final. */
    SourceJobBuilder restarts(int attempts) {
        this.restartAttempts = attempts;
        return this;
    }

    /** Insert a {@link FailOnceMap} that fails the first attempt after {@code records} records. */
    SourceJobBuilder failOnceAfter(String id, int records) {
        return through(new FailOnceMap(id, records));
    }

    /** Pass the records through {@code map} (chained to the source) before the sink. */
    SourceJobBuilder through(MapFunction<ReadRecord, ReadRecord> map) {
        maps.add(map);
        return this;
    }

    <T> SourceJobBuilder option(ConfigOption<T> option, T value) {
        sourceConfig.set(option, value);
        return this;
    }

    /** Keep the latest checkpoint in {@code dir} when the job fails or is cancelled. */
    SourceJobBuilder retainCheckpointsIn(Path dir) {
        this.retainedCheckpoints = dir;
        return this;
    }

    /** Name the source operator (by default "Kinesis " and the stream). */
    SourceJobBuilder named(String name) {
        this.sourceName = name;
        return this;
    }

    /** Start from this savepoint or retained checkpoint. */
    SourceJobBuilder restoreFrom(String path) {
        this.restorePath = path;
        return this;
    }

    /** Deliver through a {@link CommittingTestSink} publishing under {@code outputId}. */
    SourceJobBuilder committedOutput(String outputId) {
        this.committedOutputId = outputId;
        return this;
    }

    /** The source as configured; {@link KinesisSource.Builder#build()} validates the options. */
    KinesisSource<ReadRecord> source() {
        return KinesisSource.<ReadRecord>builder()
                .setStream(stream)
                .setConfig(sourceConfig)
                .setDeserializationSchema(new ReadRecordDeserializer())
                .build();
    }

    SourceJob start() throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfig());
        env.setParallelism(parallelism);
        DataStream<ReadRecord> records =
                env.fromSource(
                                source(),
                                WatermarkStrategy.noWatermarks(),
                                sourceName != null ? sourceName : "Kinesis " + stream)
                        .uid(SOURCE_UID);
        for (int i = 0; i < maps.size(); i++) {
            records = records.map(maps.get(i)).uid("map-" + i);
        }
        if (committedOutputId != null) {
            records.sinkTo(new CommittingTestSink(committedOutputId)).uid("committing-sink");
            JobClient client = env.executeAsync("read " + stream);
            return new SourceJob(client, new JobOutput.Committed(committedOutputId));
        }
        JobOutput.Collected collected = new JobOutput.Collected(records.collectAsync());
        JobClient client = env.executeAsync("read " + stream);
        collected.start();
        return new SourceJob(client, collected);
    }

    private Configuration flinkConfig() {
        Configuration config = new Configuration();
        if (checkpointInterval != null) {
            config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        }
        if (restartAttempts > 0) {
            config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            config.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restartAttempts);
            config.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(200));
        } else {
            config.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        }
        if (retainedCheckpoints != null) {
            config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            config.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    retainedCheckpoints.toUri().toString());
            config.set(
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (restorePath != null) {
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
        }
        return config;
    }
}
