package org.streamingest.warehouse.view;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ExternalSchema;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseLocation;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Manual REFRESH (the default): each refresh adds exactly the valid records put since the last one,
 * all stamped with one refresh_time, also across a restart of the warehouse session.
 */
class ManualRefreshITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final ObjectName VIEW = new ObjectName("public", "my_view");

    @TempDir Path dir;

    private FlinkCluster cluster;
    private Warehouse warehouse;
    private Pipelines pipelines;
    private MaterializedViews views;
    private final List<String> progress = new ArrayList<>();

    private void openSession() {
        cluster = FlinkCluster.embedded();
        warehouse =
                new Warehouse(
                        WarehouseLocation.of(dir.toString()),
                        cluster,
                        Map.of(
                                "aws.endpoint", KINESIS.endpoint().toString(),
                                "aws.region", KINESIS.region().id()),
                        Map.of());
        pipelines = new Pipelines(warehouse);
        views = new MaterializedViews(warehouse, pipelines);
    }

    @AfterEach
    void closeSession() throws Exception {
        if (cluster != null) {
            pipelines.close();
            warehouse.close();
            cluster.close();
            cluster = null;
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void refreshesAreIncrementalExactlyOnceAndSurviveARestart() throws Exception {
        openSession();
        TestStream stream = KINESIS.streams().create("Manual-Refresh", 2);
        warehouse.catalog().createExternalSchema(new ExternalSchema("kds", null, "default"), false);
        views.create(VIEW, false, AutoRefreshViewITCase.seedQuery(stream.name()));
        assertThat(pipelines.job(VIEW)).isEmpty();
        assertThat(rows()).isEmpty();

        List<TestRecord> put =
                new ArrayList<>(
                        stream.putStrings(
                                "{\"order_id\":0}",
                                "{\"order_id\":1}",
                                "{broken",
                                "{\"order_id\":3}"));
        assertThat(refresh()).isEqualTo(3);
        assertThat(pipelines.job(VIEW)).isEmpty();
        List<Row> first = rows();
        assertThat(first)
                .map(ManualRefreshITCase::identity)
                .containsExactlyInAnyOrderElementsOf(expected(put));
        assertThat(first)
                .map(r -> r.getField(4))
                .doesNotContainNull()
                .containsOnly(first.get(0).getField(4));
        assertThat(progress).anyMatch(line -> line.contains("3 rows added"));

        put.addAll(stream.putStrings("{\"order_id\":4}", "{\"order_id\":5}"));
        assertThat(refresh()).isEqualTo(2);
        List<Row> second = rows();
        assertThat(second)
                .map(ManualRefreshITCase::identity)
                .containsExactlyInAnyOrderElementsOf(expected(put));
        assertThat(second.stream().map(r -> r.getField(4)).distinct()).hasSize(2);

        // A new session (as the next CLI invocation) resumes from the saved shard positions.
        closeSession();
        openSession();
        put.addAll(stream.putStrings("{\"order_id\":6}", "{bad"));
        assertThat(refresh()).isEqualTo(1);
        assertThat(rows())
                .map(ManualRefreshITCase::identity)
                .containsExactlyInAnyOrderElementsOf(expected(put));
        assertThat(refresh()).isZero();
        assertThat(rows()).hasSize(6);
    }

    private long refresh() throws Exception {
        return views.refresh(VIEW, false, progress::add);
    }

    private List<Row> rows() throws Exception {
        String sql =
                "SELECT approximate_arrival_timestamp, partition_key, shard_id, sequence_number,"
                        + " refresh_time, kinesis_data FROM `public`.`my_view`";
        return views.select(new ViewQuery(sql, sql, List.of(), List.of())).rows();
    }

    private static Row identity(Row row) {
        return Row.of(row.getField(1), row.getField(2), row.getField(3), row.getField(5));
    }

    private static List<Row> expected(List<TestRecord> put) {
        List<Row> rows = new ArrayList<>();
        for (TestRecord record : put) {
            String data = new String(record.data(), StandardCharsets.UTF_8);
            if (data.startsWith("{\"")) {
                rows.add(
                        Row.of(
                                record.partitionKey(),
                                record.shardId(),
                                record.sequenceNumber(),
                                data));
            }
        }
        return rows;
    }
}
