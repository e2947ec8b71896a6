package org.streamingest.warehouse.view;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ExternalSchema;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.api.common.JobID;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed view with AUTO REFRESH YES: rows become queryable without REFRESH, exactly the valid
 * records that were put, with their Kinesis metadata.
 */
class AutoRefreshViewITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    /** The warehouse's auto-refresh.interval, not the default, to see that the job gets it. */
    static final long INTERVAL_MS = 800;

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
                                        "auto-refresh.interval", INTERVAL_MS + " ms",
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
        warehouse.close();
        cluster.close();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void rowsBecomeVisibleWithoutRefresh() throws Exception {
        TestStream stream = KINESIS.streams().create("Auto-Refresh", 2);
        List<TestRecord> put =
                new ArrayList<>(
                        stream.putStrings(
                                "{\"order_id\":0,\"item\":\"a\"}",
                                "{\"order_id\":1,\"item\":\"b\"}",
                                "{\"order_id\": 2, broken",
                                "{\"order_id\":3,\"item\":\"c\"}"));

        views.create(new ObjectName("public", "my_view"), true, seedQuery(stream.name()));
        JobID job = pipelines.job(new ObjectName("public", "my_view")).orElseThrow();

        List<Row> rows = awaitRows(3);
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected(put));
        assertThat(checkpointConfig(cluster.restAddress(), job).path("interval").asLong())
                .isEqualTo(INTERVAL_MS);

        put.addAll(stream.putStrings("{\"order_id\":4,\"item\":\"d\"}", "{\"order_id\":5}"));
        assertThat(awaitRows(5)).containsExactlyInAnyOrderElementsOf(expected(put));

        QueryResult all = views.select(query("SELECT * FROM `public`.`my_view`"));
        assertThat(all.columns())
                .containsExactly(
                        "approximate_arrival_timestamp",
                        "partition_key",
                        "shard_id",
                        "sequence_number",
                        "refresh_time",
                        "kinesis_data");
        assertThat(all.rows()).hasSize(5).allSatisfy(r -> assertThat(r.getField(0)).isNotNull());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aBaseViewMustReadExactlyOneStream() throws Exception {
        TestStream a = KINESIS.streams().create("Two-A", 1);
        TestStream b = KINESIS.streams().create("Two-B", 1);
        ViewQuery join =
                new ViewQuery(
                        "SELECT ...",
                        "SELECT x.partition_key FROM `kds`.`"
                                + a.name()
                                + "` x, `kds`.`"
                                + b.name()
                                + "` y",
                        List.of(new ObjectName("kds", a.name()), new ObjectName("kds", b.name())),
                        List.of());
        assertThatThrownBy(() -> views.create(new ObjectName("public", "v2"), true, join))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("exactly one stream");
    }

    /**
     * A running job's checkpoint configuration, from the REST API of the cluster at {@code rest}.
     */
    static JsonNode checkpointConfig(URI rest, JobID job) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                rest.resolve(
                                                        "/jobs/" + job + "/checkpoints/config"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private List<Row> awaitRows(int count) throws Exception {
        ViewQuery select =
                query(
                        "SELECT partition_key, shard_id, sequence_number, kinesis_data"
                                + " FROM `public`.`my_view`");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<Row> rows = views.select(select).rows();
        while (rows.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            rows = views.select(select).rows();
        }
        return rows;
    }

    private static List<Row> expected(List<TestRecord> put) {
        List<Row> rows = new ArrayList<>();
        for (TestRecord record : put) {
            String data = new String(record.data(), StandardCharsets.UTF_8);
            if (data.contains("broken")) {
                continue;
            }
            rows.add(
                    Row.of(record.partitionKey(), record.shardId(), record.sequenceNumber(), data));
        }
        return rows;
    }

    static ViewQuery seedQuery(String stream) {
        return new ViewQuery(
                "SELECT approximate_arrival_timestamp, partition_key, shard_id, sequence_number,"
                        + " refresh_time, JSON_PARSE(kinesis_data) AS kinesis_data FROM"
                        + " kds.my_stream_name WHERE CAN_JSON_PARSE(kinesis_data)",
                "SELECT `approximate_arrival_timestamp`, `partition_key`, `shard_id`,"
                        + " `sequence_number`, `refresh_time`, JSON_PARSE(`kinesis_data`) AS"
                        + " `kinesis_data` FROM `kds`.`"
                        + stream
                        + "` WHERE CAN_JSON_PARSE(`kinesis_data`)",
                List.of(new ObjectName("kds", stream)),
                List.of());
    }

    private static ViewQuery query(String flinkSql) {
        return new ViewQuery(flinkSql, flinkSql, List.of(), List.of());
    }
}
