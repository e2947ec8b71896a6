package org.streamingest.connector.kinesis.table;

import org.streamingest.connector.kinesis.source.KinesisSource;
import org.streamingest.connector.kinesis.source.ProxyFactory;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads one Kinesis stream as an unbounded, insert-only table of Redshift stream columns. Only the
 * columns a query uses are computed (projection push-down).
 */
public class KinesisDynamicSource implements ScanTableSource, SupportsProjectionPushDown {

    private final String stream;
    private final Configuration config;
    private final ProxyFactory proxyFactory;
    private List<RedshiftStreamColumn> columns;

    /**
     * @param proxyFactory the AWS seam, or {@code null} for the source's default built from {@code
     *     config}
     */
    KinesisDynamicSource(
            String stream,
            Configuration config,
            List<RedshiftStreamColumn> columns,
            ProxyFactory proxyFactory) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.config = Objects.requireNonNull(config, "config");
        this.columns = List.copyOf(columns);
        this.proxyFactory = proxyFactory;
    }

    /** The columns each produced row holds, in order. */
    List<RedshiftStreamColumn> columns() {
        return columns;
    }

    /** What the source reads its settings from: the table's options without 'connector'. */
    Configuration config() {
        return config;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        var builder =
                KinesisSource.<RowData>builder()
                        .setStream(stream)
                        .setConfig(config)
                        .setDeserializationSchema(new RedshiftRowDeserializationSchema(columns));
        if (proxyFactory != null) {
            builder.setProxyFactory(proxyFactory);
        }
        return SourceProvider.of(builder.build());
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        List<RedshiftStreamColumn> projected = new ArrayList<>(projectedFields.length);
        for (int[] path : projectedFields) {
            projected.add(columns.get(path[0]));
        }
        columns = List.copyOf(projected);
    }

    @Override
    public DynamicTableSource copy() {
        return new KinesisDynamicSource(stream, config, columns, proxyFactory);
    }

    @Override
    public String asSummaryString() {
        return "Kinesis stream " + stream;
    }
}
