package org.streamingest.functions;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The module in a Flink SQL session: {@code LOAD MODULE redshift}, then the product's seed view
 * over a stream with the Redshift Kinesis columns and payloads that are valid, invalid, empty,
 * binary and deeply nested.
 */
@Timeout(180)
class RedshiftModuleITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final String SEED_VIEW =
            "SELECT approximate_arrival_timestamp, partition_key, shard_id, sequence_number,"
                    + " refresh_time, JSON_PARSE(kinesis_data) AS kinesis_data"
                    + " FROM kds.my_stream WHERE CAN_JSON_PARSE(kinesis_data)";

    private static final LocalDateTime REFRESH = LocalDateTime.parse("2024-05-01T10:00:00");
    private static final String SHARD = "shardId-000000000000";

    private static final String NESTED_1000 = "[".repeat(1000) + "1" + "]".repeat(1000);
    private static final String NESTED_1001 = "[".repeat(1001) + "1" + "]".repeat(1001);

    private StreamExecutionEnvironment env;
    private StreamTableEnvironment tEnv;

    @BeforeEach
    void createSession() {
        env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        tEnv = StreamTableEnvironment.create(env, EnvironmentSettings.inStreamingMode());
        tEnv.executeSql("LOAD MODULE redshift");
        tEnv.executeSql("CREATE DATABASE kds");
    }

    @Test
    void seedViewKeepsExactlyTheRecordsThatParse() throws Exception {
        // Given
        givenStream(
                record(1, "{\"sensor\": \"a\",\n \"value\": 1.50, \"tags\": [\"x\", \"y\"]}"),
                record(2, "{\"sensor\": \"b\", "),
                record(3, new byte[0]),
                record(4, new byte[] {0x7b, (byte) 0xff, 0x00, 0x10, (byte) 0x80, 0x7d}),
                record(5, NESTED_1000),
                record(6, NESTED_1001),
                record(7, (byte[]) null),
                record(8, "\"caf\\u00e9 \\u2713\""),
                record(9, "{\"id\": 1, \"id\": 2}"),
                record(10, "  12345678901234567890123456789012345678901234567890 "));

        // When
        List<Row> rows = collect(SEED_VIEW);

        // Then
        assertThat(rows)
                .containsExactly(
                        expected(1, "{\"sensor\":\"a\",\"value\":1.50,\"tags\":[\"x\",\"y\"]}"),
                        expected(5, NESTED_1000),
                        expected(8, "\"caf\u00e9 \u2713\""),
                        expected(10, "12345678901234567890123456789012345678901234567890"));
    }

    @Test
    void jsonParseWithoutTheGuardFailsOnTheInvalidRecord() {
        // Given
        givenStream(record(1, "{\"ok\": true}"), record(2, "{\"sensor\": \"b\", "));

        // When / Then
        assertThatThrownBy(() -> collect("SELECT JSON_PARSE(kinesis_data) FROM kds.my_stream"))
                .hasStackTraceContaining("JSON_PARSE: the input is not valid JSON")
                .hasStackTraceContaining("at byte offset 16")
                .hasStackTraceContaining("the input (16 bytes) starts with '{\"sensor\": \"b\", '")
                .hasStackTraceContaining("Skip such records with WHERE CAN_JSON_PARSE(...)");
    }

    @Test
    void wrongArgumentTypesFailAtPlanningWithTheSignatures() {
        givenStream(record(1, "{}"));

        assertThatThrownBy(
                        () ->
                                tEnv.sqlQuery(
                                        "SELECT JSON_PARSE(approximate_arrival_timestamp)"
                                                + " FROM kds.my_stream"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining(
                        "JSON_PARSE cannot be called as JSON_PARSE(TIMESTAMP(3))."
                                + " Call it as JSON_PARSE(json_string VARCHAR) or"
                                + " JSON_PARSE(binary_value VARBYTE).");
        assertThatThrownBy(
                        () ->
                                tEnv.sqlQuery(
                                        "SELECT DATEADD('day', 'one', refresh_time)"
                                                + " FROM kds.my_stream"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining(
                        "Call it as DATEADD(datepart VARCHAR, interval BIGINT, value TIMESTAMP)");
    }

    @Test
    void lenIgnoresTheTrailingSpacesOfCharColumnsOnly() throws Exception {
        givenStream(record(1, "{}"));

        // Flink pads the CHAR(12) value 'key-1' to 12 characters (CHAR_LENGTH); Redshift's LEN
        // does not count that padding, but counts trailing spaces of a VARCHAR.
        List<Row> rows =
                collect(
                        "SELECT CHAR_LENGTH(CAST(partition_key AS CHAR(12))),"
                                + " LEN(CAST(partition_key AS CHAR(12))),"
                                + " LEN(partition_key || '  ')"
                                + " FROM kds.my_stream");

        assertThat(rows).containsExactly(Row.of(12, 5, 7));
    }

    @Test
    void redshiftDecodeNeedsTheModuleFirstButToTimestampAlwaysIsRedshifts() throws Exception {
        TableEnvironment batch = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        batch.executeSql("LOAD MODULE redshift");

        assertThat(single(batch, "SELECT TO_TIMESTAMP('2017', 'YYYY')"))
                .isEqualTo(Row.of(Instant.parse("2017-01-01T00:00:00Z")));
        assertThatThrownBy(() -> single(batch, "SELECT DECODE('a', 'a', 'b')"))
                .hasStackTraceContaining("DECODE");

        batch.executeSql("USE MODULES redshift, core");

        assertThat(single(batch, "SELECT DECODE('a', 'a', 'b'), DECODE(x'6162', 'UTF-8')"))
                .isEqualTo(Row.of("b", "ab"));
    }

    private void givenStream(Row... records) {
        TypeInformation<Row> type =
                Types.ROW_NAMED(
                        new String[] {"ts", "pk", "shard", "seq", "refreshed", "data"},
                        Types.LOCAL_DATE_TIME,
                        Types.STRING,
                        Types.STRING,
                        Types.STRING,
                        Types.LOCAL_DATE_TIME,
                        Types.PRIMITIVE_ARRAY(Types.BYTE));
        DataStream<Row> stream = env.fromData(type, records);
        tEnv.createTemporaryView(
                "raw_stream",
                tEnv.fromDataStream(
                        stream,
                        Schema.newBuilder()
                                .column("ts", DataTypes.TIMESTAMP(3))
                                .column("pk", DataTypes.STRING())
                                .column("shard", DataTypes.STRING())
                                .column("seq", DataTypes.STRING())
                                .column("refreshed", DataTypes.TIMESTAMP(3))
                                .column("data", DataTypes.BYTES())
                                .build()));
        // The columns of a Redshift Kinesis stream, as the project's catalog declares them.
        tEnv.executeSql(
                "CREATE TEMPORARY VIEW kds.my_stream AS SELECT"
                        + " ts AS approximate_arrival_timestamp,"
                        + " CAST(pk AS VARCHAR(256)) AS partition_key,"
                        + " CAST(shard AS CHAR(20)) AS shard_id,"
                        + " CAST(seq AS VARCHAR(128)) AS sequence_number,"
                        + " refreshed AS refresh_time,"
                        + " data AS kinesis_data"
                        + " FROM raw_stream");
    }

    private static Row record(int n, String payload) {
        return record(n, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static Row record(int n, byte[] payload) {
        return Row.of(
                LocalDateTime.parse("2024-05-01T09:00:00").plusSeconds(n),
                "key-" + n,
                SHARD,
                String.format("%056d", n),
                REFRESH,
                payload);
    }

    private static Row expected(int n, String json) {
        Row record = record(n, new byte[0]);
        return Row.of(
                record.getField(0),
                record.getField(1),
                record.getField(2),
                record.getField(3),
                record.getField(4),
                json);
    }

    private List<Row> collect(String sql) throws Exception {
        try (CloseableIterator<Row> rows = tEnv.executeSql(sql).collect()) {
            return new ArrayList<>(CollectionUtil.iteratorToList(rows));
        }
    }

    private static Row single(TableEnvironment env, String sql) throws Exception {
        try (CloseableIterator<Row> rows = env.executeSql(sql).collect()) {
            List<Row> all = CollectionUtil.iteratorToList(rows);
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }
}
