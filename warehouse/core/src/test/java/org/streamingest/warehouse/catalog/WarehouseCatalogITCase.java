package org.streamingest.warehouse.catalog;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * External schemas persist in the warehouse and resolve streams of kinesis-mock after a restart.
 */
class WarehouseCatalogITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @TempDir Path dir;

    private WarehouseCatalog open() {
        WarehouseCatalog catalog =
                new WarehouseCatalog(
                        "redshift",
                        WarehouseLocation.of(dir.toString()),
                        Map.of(
                                "aws.endpoint", KINESIS.endpoint().toString(),
                                "aws.region", KINESIS.region().id()));
        catalog.open();
        return catalog;
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void externalSchemaSurvivesARestartAndResolvesStreams() throws Exception {
        TestStream stream = KINESIS.streams().create("Warehouse-IT", 1);

        try (AutoCloseable ignored = () -> {}) {
            WarehouseCatalog first = open();
            assertThat(first.listDatabases()).containsExactlyInAnyOrder("public", "pg_catalog");
            first.createExternalSchema(new ExternalSchema("kds", null, "default"), false);
            assertThatThrownBy(
                            () ->
                                    first.createExternalSchema(
                                            new ExternalSchema("kds", null, "default"), false))
                    .hasMessageContaining("Schema 'kds' already exists");
            first.createExternalSchema(new ExternalSchema("kds", null, "default"), true);
            first.close();
        }

        WarehouseCatalog reopened = open();
        try {
            assertThat(reopened.listDatabases())
                    .containsExactlyInAnyOrder("public", "pg_catalog", "kds");
            assertThat(reopened.externalSchema("kds"))
                    .contains(new ExternalSchema("kds", null, "default"));
            assertThat(reopened.externalSchema("public")).isEmpty();
            assertThat(reopened.getDatabase("kds").getProperties())
                    .containsEntry("streaming-ingest.external-schema.source", "kinesis");
            assertThat(reopened.listTables("kds")).contains(stream.name());
            assertThat(reopened.listTables("public")).isEmpty();

            CatalogBaseTable table = reopened.getTable(new ObjectPath("kds", stream.name()));
            assertThat(table.getUnresolvedSchema().getColumns())
                    .extracting(c -> c.getName())
                    .containsExactly(
                            "approximate_arrival_timestamp",
                            "partition_key",
                            "shard_id",
                            "sequence_number",
                            "refresh_time",
                            "kinesis_data");
            assertThat(table.getOptions())
                    .containsEntry("connector", "redshift-kinesis")
                    .containsEntry("stream", stream.name())
                    .containsEntry("aws.endpoint", KINESIS.endpoint().toString());
            assertThat(reopened.tableExists(new ObjectPath("kds", "no-such-stream"))).isFalse();
            assertThatThrownBy(() -> reopened.getTable(new ObjectPath("kds", "no-such-stream")))
                    .isInstanceOf(TableNotExistException.class);
            assertThatThrownBy(
                            () -> reopened.dropTable(new ObjectPath("kds", stream.name()), false))
                    .isInstanceOf(CatalogException.class)
                    .hasMessageContaining("its tables are the Kinesis streams");
        } finally {
            reopened.close();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void plannerResolvesSchemaQualifiedStreamsAndDropSchemaRemovesIt() throws Exception {
        TestStream stream = KINESIS.streams().create("Warehouse-Plan", 1);
        WarehouseCatalog catalog = open();
        catalog.createExternalSchema(new ExternalSchema("kds", "us-east-1", "default"), false);
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.registerCatalog("redshift", catalog);
        tEnv.useCatalog("redshift");

        String plan =
                tEnv.explainSql(
                        "SELECT partition_key, kinesis_data FROM `kds`.`" + stream.name() + "`");
        assertThat(plan).contains(stream.name());

        tEnv.executeSql("DROP DATABASE kds");
        assertThat(catalog.listDatabases()).containsExactlyInAnyOrder("public", "pg_catalog");
        assertThat(WarehouseLocation.of(dir.toString()).iceberg()).startsWith("file:/");
        catalog.close();
    }
}
