package org.streamingest.connector.kinesis.table;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.source.KinesisDeserializationSchema;
import org.streamingest.connector.kinesis.source.ShardContext;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import java.util.Arrays;
import java.util.List;

/**
 * Turns each Kinesis record into one insert-only row of the requested Redshift stream columns, in
 * the requested order. A query that reads only {@code kinesis_data} gets one-field rows: columns
 * projected away are never computed. An empty column list gives one empty row per record.
 */
public final class RedshiftRowDeserializationSchema
        implements KinesisDeserializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    private final RedshiftStreamColumn[] columns;
    private final TypeInformation<RowData> producedType;

    public RedshiftRowDeserializationSchema(List<RedshiftStreamColumn> columns) {
        this.columns = columns.toArray(new RedshiftStreamColumn[0]);
        this.producedType = InternalTypeInfo.of((RowType) rowType(columns).getLogicalType());
    }

    /** All six columns in Redshift's order. */
    public static RedshiftRowDeserializationSchema allColumns() {
        return new RedshiftRowDeserializationSchema(Arrays.asList(RedshiftStreamColumn.values()));
    }

    /** The row type of these columns, in this order. */
    public static DataType rowType(List<RedshiftStreamColumn> columns) {
        return DataTypes.ROW(
                        columns.stream()
                                .map(c -> DataTypes.FIELD(c.sqlName(), c.dataType()))
                                .toArray(DataTypes.Field[]::new))
                .notNull();
    }

    public List<RedshiftStreamColumn> columns() {
        return List.of(columns);
    }

    @Override
    public void deserialize(KinesisRecord record, ShardContext shard, Collector<RowData> out) {
        GenericRowData row = new GenericRowData(columns.length);
        for (int i = 0; i < columns.length; i++) {
            row.setField(i, columns[i].toInternal(record, shard));
        }
        out.collect(row);
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
