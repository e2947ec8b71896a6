package org.streamingest.connector.kinesis.table;

import org.streamingest.connector.kinesis.aws.AwsConfigValidator;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.KinesisSourceConfigValidator;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeCasts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates {@link KinesisDynamicSource}s for {@code 'connector' = 'redshift-kinesis'}: a table whose
 * physical columns are some of Redshift's stream columns ({@link RedshiftStreamColumn}), in any
 * order, read from one stream.
 *
 * <pre>{@code
 * CREATE TABLE orders (
 *   approximate_arrival_timestamp TIMESTAMP(3),
 *   kinesis_data BYTES
 * ) WITH ('connector' = 'redshift-kinesis', 'stream' = 'orders', 'aws.region' = 'us-east-1');
 * }</pre>
 *
 * <p>The identifier differs from the official connector's {@code 'kinesis'} so both can share a
 * classpath.
 */
public class KinesisDynamicTableFactory implements DynamicTableSourceFactory {

    public static final String IDENTIFIER = "redshift-kinesis";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(KinesisConnectorOptions.STREAM);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return KinesisConnectorOptions.awsAndSourceOptions();
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        String stream = helper.getOptions().get(KinesisConnectorOptions.STREAM);
        try {
            StreamId.of(stream);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    "Invalid value for option '"
                            + KinesisConnectorOptions.STREAM.key()
                            + "': "
                            + e.getMessage(),
                    e);
        }
        Configuration config = sourceConfig(context);
        validateOptionValues(config);
        List<RedshiftStreamColumn> columns =
                physicalColumns(context.getCatalogTable().getResolvedSchema());
        return new KinesisDynamicSource(stream, config, columns, null);
    }

    /**
     * Checks the values of the {@code aws.*} and {@code scan.*} options and how they combine (for
     * example AT_TIMESTAMP needs a timestamp), as the source would when the job is built, so that a
     * wrong table or catalog fails when it is declared or planned.
     */
    public static void validateOptionValues(Configuration config) {
        try {
            AwsConfigValidator.validate(config);
            KinesisSourceConfigValidator.validate(config);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage(), e);
        }
    }

    /** Maps the table's physical columns to Redshift stream columns, or says what is wrong. */
    static List<RedshiftStreamColumn> physicalColumns(ResolvedSchema schema) {
        List<RedshiftStreamColumn> columns = new ArrayList<>();
        for (Column column : schema.getColumns()) {
            if (column instanceof Column.MetadataColumn) {
                throw new ValidationException(
                        "Column '"
                                + column.getName()
                                + "' is a METADATA column, which the '"
                                + IDENTIFIER
                                + "' connector does not support: declare it as a plain"
                                + " column named after one of Redshift's stream columns: "
                                + RedshiftStreamColumn.describeAll()
                                + ".");
            }
            if (column.isPhysical()) {
                columns.add(redshiftColumn(column));
            }
        }
        return columns;
    }

    private static RedshiftStreamColumn redshiftColumn(Column column) {
        RedshiftStreamColumn redshift =
                RedshiftStreamColumn.ofSqlName(column.getName())
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                "Column '"
                                                        + column.getName()
                                                        + "' is not a Redshift stream column. A '"
                                                        + IDENTIFIER
                                                        + "' table's physical columns must be"
                                                        + " some of (names are case sensitive): "
                                                        + RedshiftStreamColumn.describeAll()
                                                        + ". Derive other columns as computed"
                                                        + " columns."));
        LogicalType declared = column.getDataType().getLogicalType().copy(true);
        LogicalType produced = redshift.dataType().getLogicalType().copy(true);
        if (!LogicalTypeCasts.supportsAvoidingCast(produced, declared)) {
            throw new ValidationException(
                    "Column '"
                            + column.getName()
                            + "' is declared "
                            + declared.asSummaryString()
                            + " but the stream provides "
                            + produced.asSummaryString()
                            + ". Declare a type that holds every value of "
                            + produced.asSummaryString()
                            + " (nullability may differ). The Redshift stream columns are: "
                            + RedshiftStreamColumn.describeAll()
                            + ".");
        }
        return redshift;
    }

    /** The table's options without 'connector': what the source reads its settings from. */
    private static Configuration sourceConfig(Context context) {
        Map<String, String> options = new HashMap<>(context.getCatalogTable().getOptions());
        options.remove(FactoryUtil.CONNECTOR.key());
        return Configuration.fromMap(options);
    }
}
