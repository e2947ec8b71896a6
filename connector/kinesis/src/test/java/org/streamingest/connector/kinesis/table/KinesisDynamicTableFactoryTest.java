package org.streamingest.connector.kinesis.table;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streamingest.connector.kinesis.table.RedshiftStreamColumn.APPROXIMATE_ARRIVAL_TIMESTAMP;
import static org.streamingest.connector.kinesis.table.RedshiftStreamColumn.KINESIS_DATA;
import static org.streamingest.connector.kinesis.table.RedshiftStreamColumn.PARTITION_KEY;
import static org.streamingest.connector.kinesis.table.RedshiftStreamColumn.SHARD_ID;

class KinesisDynamicTableFactoryTest {

    @Test
    void createsASourceForTheDeclaredColumnsInDeclaredOrder() {
        var source =
                (KinesisDynamicSource)
                        create(
                                table().column("kinesis_data", DataTypes.BYTES())
                                        .column("shard_id", DataTypes.STRING().notNull())
                                        .column(
                                                "approximate_arrival_timestamp",
                                                DataTypes.TIMESTAMP(3))
                                        .option("aws.region", "us-east-1")
                                        .option("scan.stream.initial-position", "LATEST"));

        assertThat(source.columns())
                .containsExactly(KINESIS_DATA, SHARD_ID, APPROXIMATE_ARRIVAL_TIMESTAMP);
        assertThat(source.config().toMap())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "stream", "orders",
                                "aws.region", "us-east-1",
                                "scan.stream.initial-position", "LATEST"));
        assertThat(source.getChangelogMode()).isEqualTo(ChangelogMode.insertOnly());
        assertThat(source.asSummaryString()).isEqualTo("Kinesis stream orders");
    }

    @Test
    void acceptsAStreamArnAndEveryRedshiftColumn() {
        var builder =
                table().option("stream", "arn:aws:kinesis:us-east-1:000000000000:stream/Orders");
        for (RedshiftStreamColumn column : RedshiftStreamColumn.values()) {
            builder.column(column.sqlName(), column.dataType());
        }

        var source = (KinesisDynamicSource) create(builder);

        assertThat(source.columns()).containsExactly(RedshiftStreamColumn.values());
    }

    @Test
    void projectionKeepsTheRequestedColumnsInRequestedOrder() {
        var source =
                (KinesisDynamicSource)
                        create(
                                table().column("partition_key", DataTypes.STRING())
                                        .column("shard_id", DataTypes.CHAR(20))
                                        .column("kinesis_data", DataTypes.BYTES()));

        source.applyProjection(new int[][] {{2}, {0}}, DataTypes.ROW());

        assertThat(source.columns()).containsExactly(KINESIS_DATA, PARTITION_KEY);
        assertThat(((KinesisDynamicSource) source.copy()).columns())
                .containsExactly(KINESIS_DATA, PARTITION_KEY);
    }

    @Test
    void computedColumnsAreNotReadFromTheStream() {
        var source =
                (KinesisDynamicSource)
                        create(
                                table().column("kinesis_data", DataTypes.BYTES())
                                        .computed("source_name", "kinesis"));

        assertThat(source.columns()).containsExactly(KINESIS_DATA);
    }

    @Test
    void unknownOptionKeyFailsNamingTheKey() {
        assertThatThrownBy(
                        () ->
                                create(
                                        table().column("kinesis_data", DataTypes.BYTES())
                                                .option("scan.stream.initial-positoin", "LATEST")))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("Unsupported options:\n\nscan.stream.initial-positoin\n")
                .hasStackTraceContaining("scan.stream.initial-position");
    }

    @Test
    void badEnumValueListsTheValidValues() {
        assertThatThrownBy(
                        () ->
                                create(
                                        table().column("kinesis_data", DataTypes.BYTES())
                                                .option("scan.reader.type", "FANOUT")))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("scan.reader.type")
                .hasStackTraceContaining("FANOUT")
                .hasStackTraceContaining("POLLING")
                .hasStackTraceContaining("EFO");
    }

    @Test
    void optionsThatDoNotCombineFailWhenTheTableIsPlanned() {
        assertThatThrownBy(
                        () ->
                                create(
                                        table().column("kinesis_data", DataTypes.BYTES())
                                                .option(
                                                        "scan.stream.initial-position",
                                                        "AT_TIMESTAMP")))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining(
                        "'scan.stream.initial-position' is AT_TIMESTAMP but"
                                + " 'scan.stream.initial-timestamp' is not set");
    }

    @Test
    void missingStreamFailsNamingTheOption() {
        var builder = table().column("kinesis_data", DataTypes.BYTES());
        builder.options.remove("stream");

        assertThatThrownBy(() -> create(builder))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("Missing required options are:\n\nstream");
    }

    @Test
    void invalidStreamNameFailsSayingWhatIsAllowed() {
        assertThatThrownBy(
                        () ->
                                create(
                                        table().column("kinesis_data", DataTypes.BYTES())
                                                .option("stream", "my stream")))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("Invalid value for option 'stream'")
                .hasStackTraceContaining("'my stream' is not a valid Kinesis stream name");
    }

    @Test
    void unknownColumnFailsListingTheRedshiftColumns() {
        assertThatThrownBy(() -> create(table().column("data", DataTypes.BYTES())))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("Column 'data' is not a Redshift stream column")
                .hasStackTraceContaining(
                        "approximate_arrival_timestamp TIMESTAMP(3),"
                                + " partition_key VARCHAR(256),"
                                + " shard_id CHAR(20),"
                                + " sequence_number VARCHAR(128),"
                                + " refresh_time TIMESTAMP(3),"
                                + " kinesis_data BYTES");
    }

    @Test
    void columnNamesAreCaseSensitive() {
        assertThatThrownBy(() -> create(table().column("Kinesis_Data", DataTypes.BYTES())))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("Column 'Kinesis_Data' is not a Redshift stream column")
                .hasStackTraceContaining("case sensitive");
    }

    @Test
    void incompatibleTypeFailsNamingBothTypes() {
        assertThatThrownBy(() -> create(table().column("shard_id", DataTypes.INT())))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("Column 'shard_id' is declared INT")
                .hasStackTraceContaining("the stream provides CHAR(20)");
    }

    @Test
    void typesTooNarrowForTheValuesAreRejected() {
        assertThatThrownBy(() -> create(table().column("kinesis_data", DataTypes.VARBINARY(1))))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("declared VARBINARY(1)");
        assertThatThrownBy(() -> create(table().column("partition_key", DataTypes.VARCHAR(10))))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("declared VARCHAR(10)");
    }

    @Test
    void metadataColumnsAreRejected() {
        assertThatThrownBy(
                        () ->
                                create(
                                        table().column("kinesis_data", DataTypes.BYTES())
                                                .metadata("shard", DataTypes.STRING())))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("Column 'shard' is a METADATA column")
                .hasStackTraceContaining("does not support");
    }

    private static DynamicTableSource create(TableBuilder table) {
        ResolvedSchema schema = ResolvedSchema.of(table.columns);
        CatalogTable catalogTable =
                CatalogTable.newBuilder()
                        .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                        .options(table.options)
                        .build();
        return FactoryUtil.createDynamicTableSource(
                null,
                ObjectIdentifier.of("c", "d", "t"),
                new ResolvedCatalogTable(catalogTable, schema),
                Map.of(),
                new Configuration(),
                KinesisDynamicTableFactoryTest.class.getClassLoader(),
                false);
    }

    private static TableBuilder table() {
        return new TableBuilder();
    }

    /** A resolved table declaration: columns plus WITH options (connector and stream preset). */
    private static final class TableBuilder {
        final List<Column> columns = new ArrayList<>();
        final Map<String, String> options =
                new HashMap<>(Map.of("connector", "redshift-kinesis", "stream", "orders"));

        TableBuilder column(String name, DataType type) {
            columns.add(Column.physical(name, type));
            return this;
        }

        TableBuilder computed(String name, String literal) {
            columns.add(Column.computed(name, new ValueLiteralExpression(literal)));
            return this;
        }

        TableBuilder metadata(String name, DataType type) {
            columns.add(Column.metadata(name, type, null, false));
            return this;
        }

        TableBuilder option(String key, String value) {
            options.put(key, value);
            return this;
        }
    }
}
