package org.streamingest.warehouse.catalog;

import org.streamingest.connector.kinesis.table.KinesisDynamicTableFactory;
import org.streamingest.warehouse.procedure.RefreshMaterializedViewProcedure;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ExecutionOptions;
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
 * factory bound to the warehouse catalog; computed system views ({@link SystemTables}) to a {@link
 * SystemViewSource}.
 */
final class WarehouseTableFactory implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    private final KinesisDynamicTableFactory kinesis = new KinesisDynamicTableFactory();
    private final DynamicTableSourceFactory icebergSources;
    private final DynamicTableSinkFactory icebergSinks;
    private final SystemTables system;

    <F extends DynamicTableSourceFactory & DynamicTableSinkFactory> WarehouseTableFactory(
            F iceberg, SystemTables system) {
        this.icebergSources = iceberg;
        this.icebergSinks = iceberg;
        this.system = system;
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        if (isSystemView(context)) {
            String view = context.getObjectIdentifier().getObjectName();
            return new SystemViewSource(
                    view,
                    context.getCatalogTable().getResolvedSchema().toPhysicalRowDataType(),
                    () -> system.rows(view));
        }
        if (isStream(context)) {
            if (context.getConfiguration().get(ExecutionOptions.RUNTIME_MODE)
                    == RuntimeExecutionMode.BATCH) {
                throw new ValidationException(
                        "Kinesis stream "
                                + context.getObjectIdentifier().asSummaryString()
                                + " cannot be read in batch mode: a stream has no end. Read it in"
                                + " streaming mode (SET 'execution.runtime-mode' = 'streaming')."
                                + " To refresh a materialized view on it, use CALL "
                                + context.getObjectIdentifier().getCatalogName()
                                + ".sys."
                                + RefreshMaterializedViewProcedure.NAME
                                + "('schema.view'): Flink's ALTER MATERIALIZED TABLE ... REFRESH"
                                + " runs a batch overwrite, which cannot read a stream.");
            }
            return kinesis.createDynamicTableSource(context);
        }
        return icebergSources.createDynamicTableSource(context);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        if (isStream(context) || isSystemView(context)) {
            throw new ValidationException(
                    "Table "
                            + context.getObjectIdentifier().asSummaryString()
                            + " is a Kinesis stream of an external schema or a system view and"
                            + " cannot be written."
                            + " Write to a materialized view or table in a regular schema.");
        }
        return icebergSinks.createDynamicTableSink(context);
    }

    private static boolean isSystemView(Context context) {
        return SystemTables.CONNECTOR.equals(
                context.getCatalogTable().getOptions().get(FactoryUtil.CONNECTOR.key()));
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
