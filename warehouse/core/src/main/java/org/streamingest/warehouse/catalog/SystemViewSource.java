package org.streamingest.warehouse.catalog;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.RuntimeConverter;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A bounded source of the rows of one computed system view, read when the query is planned (its
 * runtime provider is asked for) and shipped with the job as a collection: small by nature, one row
 * per materialized view.
 */
final class SystemViewSource implements ScanTableSource {

    private final String name;
    private final DataType type;
    private final Supplier<List<Row>> rows;

    SystemViewSource(String name, DataType type, Supplier<List<Row>> rows) {
        this.name = name;
        this.type = type;
        this.rows = rows;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        DynamicTableSource.DataStructureConverter converter =
                context.createDataStructureConverter(type);
        converter.open(RuntimeConverter.Context.create(SystemViewSource.class.getClassLoader()));
        List<RowData> data = new ArrayList<>();
        for (Row row : rows.get()) {
            data.add((RowData) converter.toInternal(row));
        }
        TypeInformation<RowData> typeInfo = context.createTypeInformation(type);
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(
                    ProviderContext provider, StreamExecutionEnvironment env) {
                return env.fromData(data, typeInfo).name(name);
            }

            @Override
            public boolean isBounded() {
                return true;
            }
        };
    }

    @Override
    public DynamicTableSource copy() {
        return new SystemViewSource(name, type, rows);
    }

    @Override
    public String asSummaryString() {
        return "system view " + name;
    }
}
