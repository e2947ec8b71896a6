package org.streamingest.connector.kinesis.bench;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.source.KinesisDeserializationSchema;
import org.streamingest.connector.kinesis.source.KinesisSource;
import org.streamingest.connector.kinesis.source.ShardContext;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.util.Collector;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Reads the stream once through {@link KinesisSource} on a running MiniCluster into a {@link
 * CountingSink}; cancels the job when the expected count is reached, then checks that no record
 * came twice.
 */
final class SourceReadRun {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final MiniCluster cluster;
    private final URI endpoint;
    private final String stream;
    private final int parallelism;
    private final long serverPid;

    SourceReadRun(
            MiniCluster cluster, URI endpoint, String stream, int parallelism, long serverPid) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.stream = stream;
        this.parallelism = parallelism;
        this.serverPid = serverPid;
    }

    ReadResult read(long expected, Configuration extraSourceOptions) throws Exception {
        Configuration options = new Configuration();
        options.set(AwsOptions.ENDPOINT, endpoint.toString());
        options.set(AwsOptions.REGION, "us-east-1");
        options.set(AwsOptions.CBOR_ENABLED, false);
        options.addAll(extraSourceOptions);
        KinesisSource<Integer> source =
                KinesisSource.<Integer>builder()
                        .setStream(stream)
                        .setConfig(options)
                        .setDeserializationSchema(new PayloadSize())
                        .build();
        StreamExecutionEnvironment env = new TestStreamEnvironment(cluster, parallelism);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kinesis " + stream)
                .sinkTo(new CountingSink(expected));
        CountingSink.reset();
        long start = System.nanoTime();
        JobClient job = env.executeAsync("benchmark read " + stream);
        long running;
        CpuTimes cpu;
        try {
            long deadline = start + TIMEOUT.toNanos();
            running = awaitAllTasksRunning(job, deadline);
            CpuTimes atRunning = CpuTimes.now(serverPid);
            // Checking the job's status is an RPC: do it rarely, so the benchmark itself does not
            // take CPU from the read it measures.
            for (int i = 1; CountingSink.RECORDS.get() < expected; i++) {
                if (System.nanoTime() > deadline
                        || (i % 100 == 0 && job.getJobStatus().get().isTerminalState())) {
                    throw new IllegalStateException(
                            "Read "
                                    + CountingSink.RECORDS.get()
                                    + " of "
                                    + expected
                                    + " records; job "
                                    + job.getJobStatus().get());
                }
                Thread.sleep(5);
            }
            cpu = CpuTimes.now(serverPid).minus(atRunning);
            // Anything read twice would arrive right behind the last expected record.
            Thread.sleep(1000);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
        return new ReadResult(
                "KinesisSource, parallelism " + parallelism,
                CountingSink.RECORDS.get(),
                CountingSink.BYTES.get(),
                start,
                running,
                CountingSink.FIRST_NANOS.get(),
                CountingSink.DONE_NANOS.get(),
                cpu);
    }

    /** Polls until every task of the job is RUNNING; returns when that was seen. */
    private long awaitAllTasksRunning(JobClient job, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            AccessExecutionGraph graph = cluster.getExecutionGraph(job.getJobID()).get();
            boolean allRunning = true;
            for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
                allRunning &= vertex.getExecutionState() == ExecutionState.RUNNING;
            }
            if (allRunning) {
                return System.nanoTime();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("The job's tasks did not all start within " + TIMEOUT);
    }

    /** Emits only the payload size: the benchmark measures reading, not a format. */
    private static final class PayloadSize implements KinesisDeserializationSchema<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(KinesisRecord record, ShardContext shard, Collector<Integer> out) {
            out.collect(record.data().length);
        }

        @Override
        public TypeInformation<Integer> getProducedType() {
            return Types.INT;
        }
    }
}
