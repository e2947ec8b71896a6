package org.streamingest.connector.kinesis.table;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.source.ShardContext;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The columns of a Kinesis stream as Amazon Redshift's streaming ingestion shows them, in
 * Redshift's order: the one place that holds their SQL names, types and how each is read from a
 * record.
 *
 * <p>Every column is {@code NOT NULL}: Kinesis always sets the arrival time, partition key,
 * sequence number and payload of a record, a record is always read from a shard, and the source
 * always knows the refresh it belongs to. Timestamps are UTC wall-clock times ({@code
 * TIMESTAMP(3)}, like Redshift's {@code TIMESTAMP}), truncated to milliseconds, the precision
 * Kinesis reports.
 */
public enum RedshiftStreamColumn {
    APPROXIMATE_ARRIVAL_TIMESTAMP(
            "approximate_arrival_timestamp",
            DataTypes.TIMESTAMP(3).notNull(),
            "When Kinesis accepted the record (its ApproximateArrivalTimestamp), UTC.",
            (record, shard) -> utc(record.approximateArrivalTimestamp())),

    PARTITION_KEY(
            "partition_key",
            DataTypes.VARCHAR(256).notNull(),
            "The partition key the producer put the record with.",
            (record, shard) -> StringData.fromString(record.partitionKey())),

    SHARD_ID(
            "shard_id",
            DataTypes.CHAR(20).notNull(),
            "The shard the record was read from, for example 'shardId-000000000000'.",
            (record, shard) -> StringData.fromString(shard.shardId())),

    SEQUENCE_NUMBER(
            "sequence_number",
            DataTypes.VARCHAR(128).notNull(),
            "The record's sequence number, unique within its shard.",
            (record, shard) -> StringData.fromString(record.sequenceNumber())),

    REFRESH_TIME(
            "refresh_time",
            DataTypes.TIMESTAMP(3).notNull(),
            "Start of the refresh that read the record, UTC; rows of one refresh share it.",
            (record, shard) -> utc(shard.refreshTime())),

    /**
     * The payload. Declared as {@link DataTypes#BYTES()} ({@code VARBINARY(2147483647)}) rather
     * than a bare {@code VARBINARY}: in Flink a {@code VARBINARY} without a length is {@code
     * VARBINARY(1)}, and casts or sinks that enforce lengths would cut every payload to one byte.
     * Redshift declares the column {@code VARBYTE} of up to 1 MB; Kinesis records may be larger (up
     * to 10 MiB), and the source's {@code scan.record.max-size} decides what is accepted, so the
     * column itself carries no bound.
     */
    KINESIS_DATA(
            "kinesis_data",
            DataTypes.BYTES().notNull(),
            "The record's payload, unchanged.",
            (record, shard) -> record.data());

    /** Reads one column's value, in Flink's internal data format, from a record and its shard. */
    @FunctionalInterface
    interface Converter {
        Object toInternal(KinesisRecord record, ShardContext shard);
    }

    private final String sqlName;
    private final DataType dataType;
    private final String description;
    private final Converter converter;

    RedshiftStreamColumn(
            String sqlName, DataType dataType, String description, Converter converter) {
        this.sqlName = sqlName;
        this.dataType = dataType;
        this.description = description;
        this.converter = converter;
    }

    /** Redshift's name of the column, lower case. */
    public String sqlName() {
        return sqlName;
    }

    public DataType dataType() {
        return dataType;
    }

    /** One sentence saying what the column holds; used as the column comment. */
    public String description() {
        return description;
    }

    /**
     * The column's value for a record: {@link TimestampData}, {@link StringData} or {@code byte[]},
     * as {@link org.apache.flink.table.data.RowData} holds it. The payload array is the record's
     * own, not a copy.
     */
    public Object toInternal(KinesisRecord record, ShardContext shard) {
        return converter.toInternal(record, shard);
    }

    /** The column with this SQL name (exact, lower case), if any. */
    public static Optional<RedshiftStreamColumn> ofSqlName(String sqlName) {
        return Arrays.stream(values()).filter(c -> c.sqlName.equals(sqlName)).findFirst();
    }

    /** All six columns in Redshift's order, with their comments. */
    public static Schema schema() {
        Schema.Builder builder = Schema.newBuilder();
        for (RedshiftStreamColumn column : values()) {
            builder.column(column.sqlName, column.dataType).withComment(column.description);
        }
        return builder.build();
    }

    /** {@link #schema()}, resolved. */
    public static ResolvedSchema resolvedSchema() {
        return ResolvedSchema.of(
                Arrays.stream(values())
                        .map(c -> Column.physical(c.sqlName, c.dataType).withComment(c.description))
                        .collect(Collectors.toList()));
    }

    /** "name TYPE, ..." for error messages. */
    public static String describeAll() {
        return Arrays.stream(values())
                .map(
                        c ->
                                c.sqlName
                                        + " "
                                        + c.dataType.getLogicalType().copy(true).asSummaryString())
                .collect(Collectors.joining(", "));
    }

    private static TimestampData utc(Instant instant) {
        return TimestampData.fromLocalDateTime(
                LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
    }
}
