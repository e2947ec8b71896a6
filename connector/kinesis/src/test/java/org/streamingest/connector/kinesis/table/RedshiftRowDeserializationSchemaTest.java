package org.streamingest.connector.kinesis.table;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.StreamId;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamingest.connector.kinesis.table.RedshiftStreamColumn.KINESIS_DATA;
import static org.streamingest.connector.kinesis.table.RedshiftStreamColumn.REFRESH_TIME;
import static org.streamingest.connector.kinesis.table.RedshiftStreamColumn.SHARD_ID;

class RedshiftRowDeserializationSchemaTest {

    private static final StreamId STREAM = StreamId.of("orders");
    private static final Instant REFRESH_1 = Instant.parse("2026-11-21T23:00:00.100Z");
    private static final Instant REFRESH_2 = Instant.parse("2026-11-21T23:00:30.200Z");

    @Test
    void allColumnsInRedshiftsOrder() throws Exception {
        // Given one record read in the first refresh
        KinesisRecord record =
                record("pk-1", "4968001", Instant.parse("2026-11-21T22:59:59.999Z"), "a");

        // When it is deserialized with every column
        List<RowData> rows =
                deserialize(
                        RedshiftRowDeserializationSchema.allColumns(),
                        record,
                        new FixedShardContext(STREAM, "shardId-000000000001", REFRESH_1));

        // Then one insert row carries the six values in order
        assertThat(rows)
                .containsExactly(
                        GenericRowData.of(
                                ts("2026-11-21T22:59:59.999"),
                                StringData.fromString("pk-1"),
                                StringData.fromString("shardId-000000000001"),
                                StringData.fromString("4968001"),
                                ts("2026-11-21T23:00:00.100"),
                                "a".getBytes(StandardCharsets.UTF_8)));
        assertThat(rows.get(0).getRowKind()).isEqualTo(RowKind.INSERT);
    }

    @Test
    void projectionKeepsRequestedColumnsInRequestedOrder() throws Exception {
        var schema = new RedshiftRowDeserializationSchema(List.of(KINESIS_DATA, SHARD_ID));
        var record = record("pk-2", "4968002", Instant.parse("2026-11-21T23:00:01Z"), "b");

        List<RowData> rows =
                deserialize(
                        schema,
                        record,
                        new FixedShardContext(STREAM, "shardId-000000000002", REFRESH_1));

        assertThat(rows)
                .containsExactly(
                        GenericRowData.of(
                                "b".getBytes(StandardCharsets.UTF_8),
                                StringData.fromString("shardId-000000000002")));
        assertThat(schema.getProducedType())
                .isEqualTo(
                        InternalTypeInfo.ofFields(
                                KINESIS_DATA.dataType().getLogicalType(),
                                SHARD_ID.dataType().getLogicalType()));
        assertThat(((InternalTypeInfo<RowData>) schema.getProducedType()).toRowFieldNames())
                .containsExactly("kinesis_data", "shard_id");
    }

    @Test
    void refreshTimeFollowsTheShardContext() throws Exception {
        var schema = new RedshiftRowDeserializationSchema(List.of(REFRESH_TIME));
        var record = record("pk", "1", Instant.parse("2026-11-21T23:00:02Z"), "c");

        List<RowData> first =
                deserialize(
                        schema,
                        record,
                        new FixedShardContext(STREAM, "shardId-000000000000", REFRESH_1));
        List<RowData> second =
                deserialize(
                        schema,
                        record,
                        new FixedShardContext(STREAM, "shardId-000000000000", REFRESH_2));

        assertThat(first).containsExactly(GenericRowData.of(ts("2026-11-21T23:00:00.100")));
        assertThat(second).containsExactly(GenericRowData.of(ts("2026-11-21T23:00:30.200")));
    }

    @Test
    void survivesJavaSerializationAsTheSourceShipsIt() throws Exception {
        var schema = new RedshiftRowDeserializationSchema(List.of(SHARD_ID, KINESIS_DATA));

        var copy = InstantiationUtil.clone(schema);

        assertThat(copy.columns()).containsExactly(SHARD_ID, KINESIS_DATA);
        assertThat(copy.getProducedType()).isEqualTo(schema.getProducedType());
    }

    @Test
    void emptyProjectionGivesOneEmptyRowPerRecord() throws Exception {
        var schema = new RedshiftRowDeserializationSchema(List.of());
        var record = record("pk", "1", Instant.parse("2026-11-21T23:00:02Z"), "d");

        List<RowData> rows =
                deserialize(
                        schema,
                        record,
                        new FixedShardContext(STREAM, "shardId-000000000000", REFRESH_1));

        assertThat(rows).containsExactly(new GenericRowData(0));
        assertThat(((InternalTypeInfo<RowData>) schema.getProducedType()).toRowSize()).isZero();
    }

    private static List<RowData> deserialize(
            RedshiftRowDeserializationSchema schema, KinesisRecord record, FixedShardContext shard)
            throws Exception {
        List<RowData> rows = new ArrayList<>();
        schema.deserialize(record, shard, new ListCollector<>(rows));
        return rows;
    }

    private static KinesisRecord record(String pk, String seq, Instant arrival, String data) {
        return new KinesisRecord(pk, seq, arrival, data.getBytes(StandardCharsets.UTF_8));
    }

    private static TimestampData ts(String utc) {
        return TimestampData.fromLocalDateTime(LocalDateTime.parse(utc));
    }
}
