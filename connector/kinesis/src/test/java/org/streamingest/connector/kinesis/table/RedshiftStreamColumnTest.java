package org.streamingest.connector.kinesis.table;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.StreamId;

import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class RedshiftStreamColumnTest {

    private static final byte[] PAYLOAD = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
    private static final KinesisRecord RECORD =
            new KinesisRecord(
                    "pk-ü",
                    "49680441565704124320249365709883458671150068166756925442",
                    Instant.parse("2026-11-21T22:17:54.839456Z"),
                    PAYLOAD);
    private static final FixedShardContext SHARD =
            new FixedShardContext(
                    StreamId.of("orders"),
                    "shardId-000000000003",
                    Instant.parse("2026-11-21T23:00:01.250999Z"));

    @Test
    void schemaHasRedshiftsColumnsInRedshiftsOrder() {
        assertThat(RedshiftStreamColumn.resolvedSchema().getColumns())
                .extracting(c -> c.getName() + " " + c.getDataType())
                .containsExactly(
                        "approximate_arrival_timestamp TIMESTAMP(3) NOT NULL",
                        "partition_key VARCHAR(256) NOT NULL",
                        "shard_id CHAR(20) NOT NULL",
                        "sequence_number VARCHAR(128) NOT NULL",
                        "refresh_time TIMESTAMP(3) NOT NULL",
                        "kinesis_data BYTES NOT NULL");
        assertThat(RedshiftStreamColumn.resolvedSchema().getColumns())
                .allMatch(Column::isPhysical)
                .allMatch(c -> c.getComment().isPresent());
    }

    @Test
    void unresolvedSchemaMatchesTheResolvedOne() {
        assertThat(RedshiftStreamColumn.schema().getColumns())
                .extracting(Object::toString)
                .containsExactlyElementsOf(
                        RedshiftStreamColumn.resolvedSchema().getColumns().stream()
                                .map(
                                        c ->
                                                "`"
                                                        + c.getName()
                                                        + "` "
                                                        + c.getDataType()
                                                        + " COMMENT '"
                                                        + c.getComment().get().replace("'", "''")
                                                        + "'")
                                .toList());
    }

    @Test
    void payloadIsUnboundedVarbinaryNotFlinksDefaultOfOneByte() {
        var type = RedshiftStreamColumn.KINESIS_DATA.dataType().getLogicalType();
        assertThat(type.getTypeRoot()).isEqualTo(LogicalTypeRoot.VARBINARY);
        assertThat(type.asSerializableString()).isEqualTo("VARBINARY(2147483647) NOT NULL");
    }

    @Test
    void timestampsAreUtcWallClockTruncatedToMilliseconds() {
        assertThat(RedshiftStreamColumn.APPROXIMATE_ARRIVAL_TIMESTAMP.toInternal(RECORD, SHARD))
                .isEqualTo(
                        TimestampData.fromLocalDateTime(
                                LocalDateTime.parse("2026-11-21T22:17:54.839")));
        assertThat(RedshiftStreamColumn.REFRESH_TIME.toInternal(RECORD, SHARD))
                .isEqualTo(
                        TimestampData.fromLocalDateTime(
                                LocalDateTime.parse("2026-11-21T23:00:01.250")));
    }

    @Test
    void stringsAndPayloadComeFromRecordAndShard() {
        assertThat(RedshiftStreamColumn.PARTITION_KEY.toInternal(RECORD, SHARD))
                .isEqualTo(StringData.fromString("pk-ü"));
        assertThat(RedshiftStreamColumn.SHARD_ID.toInternal(RECORD, SHARD))
                .isEqualTo(StringData.fromString("shardId-000000000003"));
        assertThat(RedshiftStreamColumn.SEQUENCE_NUMBER.toInternal(RECORD, SHARD))
                .isEqualTo(
                        StringData.fromString(
                                "49680441565704124320249365709883458671150068166756925442"));
        assertThat(RedshiftStreamColumn.KINESIS_DATA.toInternal(RECORD, SHARD))
                .isEqualTo("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyConvertedValueMatchesItsDeclaredInternalClass() {
        for (RedshiftStreamColumn column : RedshiftStreamColumn.values()) {
            Class<?> internal =
                    switch (column.dataType().getLogicalType().getTypeRoot()) {
                        case TIMESTAMP_WITHOUT_TIME_ZONE -> TimestampData.class;
                        case CHAR, VARCHAR -> StringData.class;
                        case VARBINARY -> byte[].class;
                        default -> throw new AssertionError("unexpected type of " + column);
                    };
            assertThat(column.toInternal(RECORD, SHARD)).as(column.name()).isInstanceOf(internal);
        }
    }

    @Test
    void looksUpColumnsByExactSqlName() {
        assertThat(RedshiftStreamColumn.ofSqlName("shard_id"))
                .contains(RedshiftStreamColumn.SHARD_ID);
        assertThat(RedshiftStreamColumn.ofSqlName("SHARD_ID")).isEmpty();
        assertThat(Arrays.stream(RedshiftStreamColumn.values()))
                .allMatch(c -> RedshiftStreamColumn.ofSqlName(c.sqlName()).orElseThrow() == c);
    }
}
