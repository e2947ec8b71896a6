package org.streamingest.warehouse.view;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.table.catalog.CatalogMaterializedTable;
import org.apache.flink.table.catalog.ObjectPath;

import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warehouse written before the warehouse was a catalog (the layout of the CLI's embedded
 * warehouse up to then: Iceberg's Hadoop catalog in {@code iceberg/}, an external schema as a
 * namespace with a {@code $external_schema} marker table, a view as a table whose properties hold
 * its definition under {@code streaming-ingest.mv.*}, no {@code pg_catalog} and no leases) opens in
 * place and refreshes exactly. The layout is written here with Iceberg's own API, key by key as
 * that code wrote it, so the test pins the stored format rather than today's writer.
 */
class EarlierLayoutITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @TempDir Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aWarehouseOfTheEarlierLayoutOpensAndRefreshesInPlace() throws Exception {
        TestStream stream = KINESIS.streams().create("Earlier-Layout", 2);
        writeEarlierLayout(stream.name());
        List<TestRecord> put = stream.putStrings("{\"n\":1}", "{broken", "{\"n\":2}");

        WarehouseConfig config =
                WarehouseConfig.of(
                        Map.of(
                                "warehouse", dir.toString(),
                                "aws.endpoint", KINESIS.endpoint().toString(),
                                "aws.region", KINESIS.region().id()));
        ObjectName view = new ObjectName("public", "my_view");
        try (FlinkCluster cluster = FlinkCluster.embedded();
                Warehouse warehouse = new Warehouse(config, cluster, Map.of());
                Pipelines pipelines = new Pipelines(warehouse);
                MaterializedViews views = new MaterializedViews(warehouse, pipelines)) {
            assertThat(warehouse.catalog().externalSchema("kds")).isPresent();
            assertThat(warehouse.catalog().getTable(new ObjectPath("public", "my_view")))
                    .isInstanceOf(CatalogMaterializedTable.class);

            assertThat(views.refresh(view, false, line -> {})).isEqualTo(2);

            assertThat(SeedRecords.select(views))
                    .containsExactlyInAnyOrderElementsOf(SeedRecords.valid(put));
            assertThat(warehouse.catalog().listDatabases())
                    .containsExactlyInAnyOrder("public", "kds", "pg_catalog");
        }
    }

    private void writeEarlierLayout(String stream) {
        HadoopCatalog iceberg = new HadoopCatalog();
        iceberg.setConf(new org.apache.hadoop.conf.Configuration());
        iceberg.initialize(
                "earlier", Map.of("warehouse", dir.resolve("iceberg").toUri().toString()));
        iceberg.createNamespace(Namespace.of("public"));
        iceberg.createNamespace(Namespace.of("kds"));
        iceberg.buildTable(
                        TableIdentifier.of("kds", "$external_schema"),
                        new Schema(
                                Types.NestedField.optional(1, "unused", Types.IntegerType.get())))
                .withProperties(
                        Map.of(
                                "streaming-ingest.external-schema.source", "kinesis",
                                "streaming-ingest.external-schema.iam-role", "default"))
                .create();
        ViewQuery seed = AutoRefreshViewITCase.seedQuery(stream);
        iceberg.buildTable(
                        TableIdentifier.of("public", "my_view"),
                        new Schema(
                                Types.NestedField.optional(
                                        1,
                                        "approximate_arrival_timestamp",
                                        Types.TimestampType.withoutZone()),
                                Types.NestedField.optional(
                                        2, "partition_key", Types.StringType.get()),
                                Types.NestedField.optional(3, "shard_id", Types.StringType.get()),
                                Types.NestedField.optional(
                                        4, "sequence_number", Types.StringType.get()),
                                Types.NestedField.optional(
                                        5, "refresh_time", Types.TimestampType.withoutZone()),
                                Types.NestedField.optional(
                                        6, "kinesis_data", Types.StringType.get())))
                .withProperties(
                        Map.of(
                                "format-version",
                                "2",
                                "streaming-ingest.mv.redshift-sql",
                                seed.redshiftSql(),
                                "streaming-ingest.mv.flink-sql",
                                seed.flinkSql(),
                                "streaming-ingest.mv.stream",
                                "kds." + stream,
                                "streaming-ingest.mv.auto-refresh",
                                "false"))
                .create();
    }
}
