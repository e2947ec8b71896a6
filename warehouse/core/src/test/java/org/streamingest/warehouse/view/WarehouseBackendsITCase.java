package org.streamingest.warehouse.view;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ExternalSchema;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.pipeline.FlinkCluster;
import org.streamingest.warehouse.testing.IcebergRestCatalogExtension;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed flow on every kind of Iceberg catalog the warehouse supports, each a real component:
 * Iceberg's Hadoop catalog on a local path (the embedded default), its JDBC catalog on a SQLite
 * file, and the Iceberg REST catalog server (its own JVM) with S3FileIO on a local S3 server. Each
 * backend gets the same scenario, as Iceberg's catalog tests run once per catalog: a manual view on
 * a stream refreshed twice across two sessions holds exactly the valid records put.
 */
class WarehouseBackendsITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @RegisterExtension
    static final IcebergRestCatalogExtension REST = IcebergRestCatalogExtension.onS3();

    private static final ObjectName VIEW = new ObjectName("public", "my_view");

    enum Backend {
        HADOOP,
        JDBC_SQLITE,
        REST_ON_S3
    }

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theSeedFlowIsExactOnEveryBackend(Backend backend) throws Exception {
        WarehouseConfig config = WarehouseConfig.of(options(backend));
        TestStream stream = KINESIS.streams().create("Backend-" + backend.ordinal(), 2);
        List<TestRecord> put =
                new ArrayList<>(stream.putStrings("{\"n\":1}", "{broken", "{\"n\":2}"));

        try (Session session = new Session(config)) {
            session.warehouse
                    .catalog()
                    .createExternalSchema(new ExternalSchema("kds", null, "default"), false);
            session.views.create(VIEW, false, AutoRefreshViewITCase.seedQuery(stream.name()));
            assertThat(session.views.refresh(VIEW, false, line -> {})).isEqualTo(2);
            assertThat(session.rows()).containsExactlyInAnyOrderElementsOf(SeedRecords.valid(put));
            if (backend == Backend.REST_ON_S3) {
                assertThat(session.warehouse.table(VIEW).location())
                        .startsWith("s3://" + REST.s3().bucket() + "/");
            }
        }

        put.addAll(stream.putStrings("{\"n\":3}", "{\"n\""));
        try (Session session = new Session(config)) {
            assertThat(session.views.refresh(VIEW, false, line -> {})).isEqualTo(1);
            assertThat(session.rows()).containsExactlyInAnyOrderElementsOf(SeedRecords.valid(put));
        }
    }

    private Map<String, String> options(Backend backend) {
        Map<String, String> options = new HashMap<>();
        options.put("warehouse", dir.resolve("wh").toString());
        options.put("aws.endpoint", KINESIS.endpoint().toString());
        options.put("aws.region", KINESIS.region().id());
        switch (backend) {
            case HADOOP -> {}
            case JDBC_SQLITE -> {
                options.put("catalog-type", "jdbc");
                options.put("uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
            }
            case REST_ON_S3 -> {
                options.putAll(REST.catalogProperties());
                options.remove("catalog-impl");
                options.put("catalog-type", "rest");
            }
        }
        return options;
    }

    /** A session of the view service, as one CLI invocation has. */
    private static final class Session implements AutoCloseable {
        final FlinkCluster cluster = FlinkCluster.embedded();
        final Warehouse warehouse;
        final Pipelines pipelines;
        final MaterializedViews views;

        Session(WarehouseConfig config) {
            warehouse = new Warehouse(config, cluster, Map.of());
            pipelines = new Pipelines(warehouse);
            views = new MaterializedViews(warehouse, pipelines, config.leaseTimeout());
        }

        List<Row> rows() throws Exception {
            String sql =
                    "SELECT partition_key, sequence_number, kinesis_data FROM `public`.`my_view`";
            return views.select(new ViewQuery(sql, sql, List.of(), List.of())).rows();
        }

        @Override
        public void close() throws Exception {
            try (FlinkCluster c = cluster;
                    Warehouse w = warehouse;
                    Pipelines p = pipelines;
                    MaterializedViews v = views) {
                // closed in reverse order
            }
        }
    }
}
