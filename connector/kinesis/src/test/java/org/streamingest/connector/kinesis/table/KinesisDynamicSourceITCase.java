package org.streamingest.connector.kinesis.table;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table connector on kinesis-mock: a declared subset of the columns, a stream addressed by ARN,
 * projection, a computed column and {@code COUNT(*)}.
 */
class KinesisDynamicSourceITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private StreamTableEnvironment tEnv;
    private TestStream stream;
    private List<TestRecord> put;

    @BeforeEach
    void declareTable() {
        stream = KINESIS.streams().create("Table-IT", 2);
        put = stream.putStrings("alpha", "beta", "gamma", "delta", "epsilon", "zeta");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(
                "CREATE TABLE orders ("
                        + "  kinesis_data BYTES NOT NULL,"
                        + "  shard_id STRING,"
                        + "  partition_key VARCHAR(256),"
                        + "  payload AS CAST(kinesis_data AS STRING)"
                        + ") WITH ('connector' = 'redshift-kinesis', 'stream' = '"
                        + stream.arn()
                        + "', 'aws.endpoint' = '"
                        + KINESIS.endpoint()
                        + "', 'aws.region' = 'us-east-1')");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void readsTheDeclaredColumnsAndComputedOnesFromThem() throws Exception {
        List<Row> rows =
                collect(
                        "SELECT payload, shard_id, partition_key FROM orders",
                        seen -> seen.size() == put.size());

        assertThat(rows)
                .containsExactlyInAnyOrderElementsOf(
                        put.stream()
                                .map(r -> Row.of(r.dataAsString(), r.shardId(), r.partitionKey()))
                                .toList());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void countStarCountsEveryRecordOnce() throws Exception {
        List<Row> changes =
                collect(
                        "SELECT COUNT(*) FROM orders",
                        seen ->
                                seen.get(seen.size() - 1)
                                        .equals(Row.ofKind(RowKind.UPDATE_AFTER, 6L)));

        assertThat(changes)
                .filteredOn(r -> r.getKind() != RowKind.UPDATE_BEFORE)
                .extracting(r -> (Long) r.getField(0))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    /** Runs a streaming query until {@code done} holds for the rows so far, then cancels it. */
    private List<Row> collect(String query, Predicate<List<Row>> done) throws Exception {
        TableResult result = tEnv.executeSql(query);
        JobClient job = result.getJobClient().orElseThrow();
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            while (it.hasNext()) {
                Row row = it.next();
                rows.add(row);
                if (done.test(rows)) {
                    break;
                }
            }
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
            Instant deadline = Instant.now().plusSeconds(30);
            while (!job.getJobStatus().get().isGloballyTerminalState()) {
                assertThat(Instant.now()).as("job %s ended", job.getJobID()).isBefore(deadline);
                Thread.sleep(50);
            }
        }
        return rows;
    }
}
