package org.streamingest.connector.kinesis.catalog;

import org.streamingest.connector.kinesis.testutils.CatalogFakeProxy;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog as SQL sees it: planning only, no job runs (the ITCase reads real streams). */
class KinesisCatalogSqlTest {

    private static TableEnvironment tEnv;

    @BeforeAll
    static void registerCatalog() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        var kinesis = new CatalogFakeProxy().withStream("Orders").withStream("clicks");
        tEnv.registerCatalog(
                "k",
                new KinesisCatalog(
                        "k",
                        "kinesis",
                        Configuration.fromMap(Map.of("aws.region", "us-east-1")),
                        kinesis));
    }

    @Test
    void showTablesListsTheStreams() {
        assertThat(rows("SHOW TABLES FROM k.kinesis"))
                .containsExactly(Row.of("Orders"), Row.of("clicks"));
    }

    @Test
    void describeShowsTheRedshiftColumns() {
        assertThat(rows("DESCRIBE k.kinesis.Orders"))
                .extracting(r -> r.getField(0) + " " + r.getField(1) + " " + r.getField(2))
                .containsExactly(
                        "approximate_arrival_timestamp TIMESTAMP(3) false",
                        "partition_key VARCHAR(256) false",
                        "shard_id CHAR(20) false",
                        "sequence_number VARCHAR(128) false",
                        "refresh_time TIMESTAMP(3) false",
                        "kinesis_data BYTES false");
    }

    @Test
    void queriesReadOnlyTheColumnsTheyUse() {
        String plan = tEnv.explainSql("SELECT kinesis_data, shard_id FROM k.kinesis.Orders");

        assertThat(plan).contains("table=[[k, kinesis, Orders, project=[kinesis_data, shard_id]]]");
    }

    @Test
    void hintsAreTableOptionsValidatedLikeAnyOther() {
        assertThat(
                        tEnv.explainSql(
                                "SELECT kinesis_data FROM k.kinesis.Orders"
                                        + " /*+ OPTIONS('scan.stream.initial-position'='LATEST') */"))
                .contains("Orders");
        assertThatThrownBy(
                        () ->
                                tEnv.explainSql(
                                        "SELECT kinesis_data FROM k.kinesis.Orders"
                                                + " /*+ OPTIONS('scan.initial-position'='LATEST') */"))
                .hasStackTraceContaining("Unsupported options:\n\nscan.initial-position\n");
    }

    @Test
    void wrongCaseOfAStreamNameIsNotFound() {
        assertThatThrownBy(() -> tEnv.explainSql("SELECT * FROM k.kinesis.orders"))
                .hasMessageContaining(
                        "Object 'orders' not found within 'k.kinesis'; did you mean 'Orders'?");
    }

    @Test
    void ddlSaysStreamsAreManagedInKinesis() {
        assertThatThrownBy(() -> tEnv.executeSql("DROP TABLE k.kinesis.Orders"))
                .rootCause()
                .hasMessageContaining("catalog 'k' is read-only")
                .hasMessageContaining("create, change and delete streams in Kinesis");
        assertThatThrownBy(
                        () ->
                                tEnv.executeSql(
                                        "CREATE TABLE k.kinesis.sales (kinesis_data BYTES)"
                                                + " WITH ('connector' = 'redshift-kinesis')"))
                .rootCause()
                .hasMessageContaining("catalog 'k' is read-only");
    }

    private static List<Row> rows(String sql) {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(sql).collect()) {
            it.forEachRemaining(rows::add);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return rows;
    }
}
