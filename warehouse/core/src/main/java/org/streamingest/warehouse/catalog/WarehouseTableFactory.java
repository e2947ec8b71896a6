package org.streamingest.warehouse.catalog;

import org.streamingest.connector.kinesis.table.KinesisDynamicTableFactory;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.Set;

/**
 * The table factory of {@link WarehouseCatalog}. The planner prefers a catalog's own factory over
 * the {@code 'connector'} option, so this one routes: tables of external schemas (option {@code
 * 'connector' = 'redshift-kinesis'}) go to the Kinesis connector, everything else to Iceberg's
 * factory bound to the warehouse catalog.
 */
final class WarehouseTableFactory implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    private final KinesisDynamicTableFactory kinesis = new KinesisDynamicTableFactory();
    private final DynamicTableSourceFactory icebergSources;
    private final DynamicTableSinkFactory icebergSinks;

    <F extends DynamicTableSourceFactory & DynamicTableSinkFactory> WarehouseTableFactory(
            F iceberg) {
        this.icebergSources = iceberg;
        this.icebergSinks = iceberg;
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        if (isStream(context)) {
            return kinesis.createDynamicTableSource(context);
        }
        return icebergSources.createDynamicTableSource(context);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        if (isStream(context)) {
            throw new ValidationException(
                    "Table "
                            + context.getObjectIdentifier().asSummaryString()
                            + " is a Kinesis stream of an external schema and cannot be written."
                            + " Write to a materialized view or table in a regular schema.");
        }
        return icebergSinks.createDynamicTableSink(context);
    }

    private static boolean isStream(Context context) {
        return KinesisDynamicTableFactory.IDENTIFIER.equals(
                context.getCatalogTable().getOptions().get(FactoryUtil.CONNECTOR.key()));
    }

    @Override
    public String factoryIdentifier() {
        return "streaming-ingest-warehouse";
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }
}
