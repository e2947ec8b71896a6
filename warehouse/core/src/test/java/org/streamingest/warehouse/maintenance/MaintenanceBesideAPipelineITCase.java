package org.streamingest.warehouse.maintenance;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ExternalSchema;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.pipeline.FlinkCluster;
import org.streamingest.warehouse.view.MaterializedViews;
import org.streamingest.warehouse.view.Pipelines;
import org.streamingest.warehouse.view.ViewQuery;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Row;

import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maintenance of an AUTO REFRESH view's table while its streaming pipeline commits through Flink's
 * Iceberg v2 sink: a commit of the pipeline that lands during a rewrite, snapshots expired down to
 * one, and the pipeline suspended and resumed from its savepoint afterwards lose and duplicate no
 * record.
 */
class MaintenanceBesideAPipelineITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final ObjectName VIEW = new ObjectName("public", "orders");

    @TempDir Path dir;

    private FlinkCluster cluster;
    private Warehouse warehouse;
    private Pipelines pipelines;
    private MaterializedViews views;

    @BeforeEach
    void openWarehouse() {
        cluster = FlinkCluster.embedded();
        warehouse =
                new Warehouse(
                        WarehouseConfig.of(
                                Map.of(
                                        "warehouse", dir.toString(),
                                        "auto-refresh.interval", "300 ms",
                                        "maintenance.interval", "0 s",
                                        "aws.endpoint", KINESIS.endpoint().toString(),
                                        "aws.region", KINESIS.region().id())),
                        cluster,
                        Map.of());
        pipelines = new Pipelines(warehouse);
        views = new MaterializedViews(warehouse, pipelines);
        warehouse.catalog().createExternalSchema(new ExternalSchema("kds", null, "default"), false);
    }

    @AfterEach
    void closeWarehouse() throws Exception {
        pipelines.close();
        views.close();
        warehouse.close();
        cluster.close();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void noRecordIsLostOrDuplicatedByMaintenanceBesideTheViewsCommits() throws Exception {
        // Given an AUTO REFRESH view that committed 4 batches of records
        TestStream stream = KINESIS.streams().create("Maintained", 2);
        List<TestRecord> put = new ArrayList<>(stream.putStrings("{\"n\":0}", "{\"n\":1}"));
        views.create(VIEW, true, query(stream.name()));
        awaitRows(put);
        for (int batch = 1; batch <= 3; batch++) {
            put.addAll(stream.putStrings("{\"n\":" + (10 * batch) + "}"));
            awaitRows(put);
        }
        Table table = maintenance().table(VIEW);
        assertThat(table.currentSnapshot().summary())
                .containsKey(SnapshotExpiry.MAX_COMMITTED_CHECKPOINT_ID);

        // When the pipeline commits more records after the rewrite wrote its files, before it
        // commits them
        DataFileRewrite.Result rewrite =
                maintenance()
                        .rewriteDataFiles(
                                VIEW,
                                new DataFileRewrite(
                                        StreamExecutionEnvironment.createLocalEnvironment(1),
                                        () -> {
                                            put.addAll(stream.putStrings("{\"n\":99}"));
                                            awaitRows(put);
                                        }),
                                null);

        // Then the rewrite committed after the pipeline's commit, and every record is there once
        assertThat(rewrite.addedDataFiles()).isPositive();
        assertThat(rows()).containsExactlyInAnyOrderElementsOf(expected(put));

        // When every snapshot but the newest is expired
        SnapshotExpiry.Result expiry =
                maintenance().expireSnapshots(VIEW, Instant.now().plusSeconds(3600), 1);

        // Then a commit of the sink is still an ancestor of the current snapshot (the pipeline may
        // have committed again since), and the rows are the same
        assertThat(expiry.deletedSnapshots()).isPositive();
        table.refresh();
        assertThat(SnapshotExpiry.newestSinkCommit(table)).isNotNull();
        assertThat(rows()).containsExactlyInAnyOrderElementsOf(expected(put));

        // And the pipeline, suspended with a savepoint and resumed, commits exactly what follows
        views.alterAutoRefresh(VIEW, false);
        put.addAll(stream.putStrings("{\"n\":100}", "{\"n\":101}"));
        views.alterAutoRefresh(VIEW, true);
        awaitRows(put);
        put.addAll(stream.putStrings("{\"n\":102}"));
        awaitRows(put);
        assertThat(rows()).containsExactlyInAnyOrderElementsOf(expected(put));
    }

    private TableMaintenance maintenance() {
        return new TableMaintenance(
                warehouse.catalog().catalog(), warehouse.config().maintenance(), Clock.systemUTC());
    }

    /** Waits until the view holds as many rows as records were put (or 90 s passed). */
    private void awaitRows(List<TestRecord> put) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (rows().size() < put.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private List<Row> rows() throws Exception {
        String sql = "SELECT shard_id, sequence_number, kinesis_data FROM `public`.`orders`";
        return views.select(new ViewQuery(sql, sql, List.of(), List.of())).rows();
    }

    private static List<Row> expected(List<TestRecord> put) {
        return put.stream()
                .map(
                        r ->
                                Row.of(
                                        r.shardId(),
                                        r.sequenceNumber(),
                                        new String(r.data(), StandardCharsets.UTF_8)))
                .toList();
    }

    private static ViewQuery query(String stream) {
        return new ViewQuery(
                "SELECT * FROM kds.orders",
                "SELECT `approximate_arrival_timestamp`, `partition_key`, `shard_id`,"
                        + " `sequence_number`, `refresh_time`, JSON_PARSE(`kinesis_data`) AS"
                        + " `kinesis_data` FROM `kds`.`"
                        + stream
                        + "`",
                List.of(new ObjectName("kds", stream)),
                List.of());
    }
}
