package org.streamingest.connector.kinesis.catalog;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.RecordEntry;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalog end to end: CREATE CATALOG against kinesis-mock, then {@code SELECT *} from a stream
 * returns exactly the records that were put, with all six Redshift columns.
 */
class KinesisCatalogITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private StreamTableEnvironment tEnv;

    @BeforeEach
    void createCatalog() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(
                "CREATE CATALOG k WITH ('type' = 'redshift-kinesis', 'aws.region' = 'us-east-1',"
                        + " 'aws.endpoint' = '"
                        + KINESIS.endpoint()
                        + "')");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void selectStarReturnsEveryRecordWithTheSixRedshiftColumns() throws Exception {
        // Given a two-shard stream (mixed case name) holding records with known keys and payloads
        TestStream stream = KINESIS.streams().create("Catalog-IT", 2);
        List<RecordEntry> entries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            entries.add(RecordEntry.utf8("pk-" + i, "{\"n\":" + i + "}"));
        }
        entries.add(RecordEntry.utf8("ключ-ü", "unicode key"));
        entries.add(new RecordEntry("binary", new byte[] {0, (byte) 0xff, 0x7f, (byte) 0x80}));
        List<TestRecord> put = stream.put(entries);
        assertThat(put.stream().map(TestRecord::shardId).distinct())
                .as("both shards hold records")
                .hasSize(2);
        Map<String, Instant> arrivals = arrivalTimes(stream);
        Instant beforeQuery = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // When the stream is read through the catalog
        List<Row> rows = collect("SELECT * FROM k.kinesis.`" + stream.name() + "`", put.size());
        Instant afterQuery = Instant.now();

        // Then every record comes back once, column by column as it was put
        LocalDateTime refreshTime = (LocalDateTime) rows.get(0).getField(4);
        List<Row> expected = new ArrayList<>();
        for (TestRecord record : put) {
            expected.add(
                    Row.of(
                            utc(arrivals.get(record.sequenceNumber())),
                            record.partitionKey(),
                            record.shardId(),
                            record.sequenceNumber(),
                            refreshTime,
                            record.data()));
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        // and each shard's records arrive in sequence order
        for (String shardId : stream.openShardIds()) {
            assertThat(rows.stream().filter(r -> shardId.equals(r.getField(2))))
                    .containsExactlyElementsOf(
                            expected.stream().filter(r -> shardId.equals(r.getField(2))).toList());
        }
        // and one reader without checkpoints read everything in one refresh that began with the
        // query
        assertThat(refreshTime).isBetween(utc(beforeQuery), utc(afterQuery));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void tablesAreTheStreamsWithCaseSensitiveNames() throws Exception {
        TestStream stream = KINESIS.streams().create("Catalog-IT-Names", 1);

        assertThat(rowsOf("SHOW TABLES FROM k.kinesis")).contains(Row.of(stream.name()));
        assertThat(rowsOf("DESCRIBE k.kinesis.`" + stream.name() + "`"))
                .extracting(r -> r.getField(0) + " " + r.getField(1))
                .containsExactly(
                        "approximate_arrival_timestamp TIMESTAMP(3)",
                        "partition_key VARCHAR(256)",
                        "shard_id CHAR(20)",
                        "sequence_number VARCHAR(128)",
                        "refresh_time TIMESTAMP(3)",
                        "kinesis_data BYTES");
        String lowerCase = stream.name().toLowerCase();
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM k.kinesis.`" + lowerCase + "`"))
                .hasMessageContaining(
                        "Object '"
                                + lowerCase
                                + "' not found within 'k.kinesis'; did you mean '"
                                + stream.name()
                                + "'?");
    }

    /** Runs a streaming query, takes {@code count} rows, then cancels the job. */
    private List<Row> collect(String query, int count) throws Exception {
        TableResult result = tEnv.executeSql(query);
        JobClient job = result.getJobClient().orElseThrow();
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            while (rows.size() < count && it.hasNext()) {
                rows.add(it.next());
            }
        } finally {
            cancel(job);
        }
        assertThat(rows).as("rows before the query ended").hasSize(count);
        return rows;
    }

    /** Cancels the job unless closing the iterator already did, and waits until it has ended. */
    private static void cancel(JobClient job) throws Exception {
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (!job.getJobStatus().get().isGloballyTerminalState()) {
            assertThat(Instant.now()).as("job %s ended", job.getJobID()).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private List<Row> rowsOf(String statement) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(statement).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** ApproximateArrivalTimestamp of every record in the stream, read back from the server. */
    private static Map<String, Instant> arrivalTimes(TestStream stream) {
        var client = KINESIS.client();
        Map<String, Instant> arrivals = new HashMap<>();
        for (Shard shard : stream.shards()) {
            String iterator =
                    client.getShardIterator(
                                    r ->
                                            r.streamName(stream.name())
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            List<Record> records;
            do {
                String current = iterator;
                var response = client.getRecords(r -> r.shardIterator(current));
                records = response.records();
                records.forEach(
                        r -> arrivals.put(r.sequenceNumber(), r.approximateArrivalTimestamp()));
                iterator = response.nextShardIterator();
            } while (!records.isEmpty() && iterator != null);
        }
        return arrivals;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
