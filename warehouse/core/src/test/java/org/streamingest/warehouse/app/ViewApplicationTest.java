package org.streamingest.warehouse.app;

import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.catalog.WarehouseLocation;
import org.streamingest.warehouse.pipeline.FlinkCluster;
import org.streamingest.warehouse.view.MaterializedViews;
import org.streamingest.warehouse.view.Pipelines;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The program arguments and settings of the view application; it runs in ViewApplicationITCase. */
class ViewApplicationTest {

    @Test
    void readsTheManifestsArguments() {
        ViewApplication.Arguments arguments =
                ViewApplication.Arguments.parse(
                        "--catalog", "warehouse=s3://b/wh",
                        "--catalog", "catalog-type=rest",
                        "--catalog", "uri=http://iceberg-rest:8181",
                        "--view", "public.My_View");

        assertThat(arguments.catalog())
                .isEqualTo(
                        Map.of(
                                "warehouse", "s3://b/wh",
                                "catalog-type", "rest",
                                "uri", "http://iceberg-rest:8181"));
        assertThat(arguments.view()).isEqualTo(new ObjectName("public", "my_view"));
    }

    @Test
    void badArgumentsSayWhatIsWrongAndHowToCallIt() {
        assertThatThrownBy(() -> ViewApplication.Arguments.parse("--catalog", "warehouse=/w"))
                .hasMessageStartingWith("--view names the materialized view to run")
                .hasMessageEndingWith(ViewApplication.USAGE);
        assertThatThrownBy(() -> ViewApplication.Arguments.parse("--view", "v"))
                .hasMessageContaining("--catalog warehouse=... names the warehouse");
        assertThatThrownBy(
                        () ->
                                ViewApplication.Arguments.parse(
                                        "--catalog", "warehouse", "--view", "v"))
                .hasMessageContaining("--catalog expects KEY=VALUE, got 'warehouse'.");
        assertThatThrownBy(() -> ViewApplication.Arguments.parse("--views", "v"))
                .hasMessageContaining("Unknown argument '--views'.");
        assertThatThrownBy(() -> ViewApplication.Arguments.parse("--view"))
                .hasMessageContaining("--view needs a value.");
        assertThatThrownBy(
                        () ->
                                ViewApplication.Arguments.parse(
                                        "--catalog", "warehouse=/w", "--view", "a", "--view", "b"))
                .hasMessageContaining("--view is given twice");
    }

    @Test
    void refusesASavepointDirectoryOtherThanTheViewsNamingTheRightOne(@TempDir Path dir)
            throws Exception {
        WarehouseLocation location = WarehouseLocation.of(dir.resolve("wh").toString());
        try (FlinkCluster cluster = FlinkCluster.application(new Configuration());
                Warehouse warehouse =
                        new Warehouse(
                                WarehouseConfig.hadoop(location, Map.of()), cluster, Map.of());
                Pipelines pipelines = new Pipelines(warehouse);
                MaterializedViews views =
                        MaterializedViews.ofApplication(warehouse, pipelines, "my-view")) {
            ObjectName view = new ObjectName("public", "my_view");

            assertThatThrownBy(() -> views.runAsApplication(view, "s3://b/savepoints", null))
                    .isInstanceOf(WarehouseException.class)
                    .hasMessage(
                            "execution.checkpointing.savepoint-dir is s3://b/savepoints, but the"
                                    + " savepoints of public.my_view must go to "
                                    + location.savepoints("public", "my_view")
                                    + ", where every door (REFRESH, a gateway session, the next"
                                    + " application) finds what the view resumes from. Set"
                                    + " execution.checkpointing.savepoint-dir: "
                                    + location.savepoints("public", "my_view")
                                    + " in the FlinkDeployment's flinkConfiguration.");
            // the view's own directory passes that check; the view does not exist here
            assertThatThrownBy(
                            () ->
                                    views.runAsApplication(
                                            view, location.savepoints("public", "my_view"), null))
                    .isInstanceOf(WarehouseException.class)
                    .hasMessage("Materialized view \"public.my_view\" does not exist.");
            assertThat(views.leases()).isEmpty();
        }
    }

    @Test
    void theLeaseHolderIsTheClusterByTheOperatorsId() {
        Configuration operator = new Configuration();
        operator.setString("kubernetes.cluster-id", "my-view");
        operator.setString("high-availability.cluster-id", "my-view-ha");
        assertThat(ViewApplication.clusterId(operator)).isEqualTo("my-view");

        Configuration ha = new Configuration();
        ha.setString("high-availability.cluster-id", "my-view-ha");
        assertThat(ViewApplication.clusterId(ha)).isEqualTo("my-view-ha");

        Configuration standalone = new Configuration();
        standalone.setString("rest.address", "10.0.0.7");
        standalone.setString("rest.port", "8081");
        assertThat(ViewApplication.clusterId(standalone)).isEqualTo("10.0.0.7:8081");
    }

    @Test
    void theClustersCheckpointIntervalAndRestartStrategyAreTheSessionsSettings() {
        Configuration cluster = new Configuration();
        cluster.setString("execution.checkpointing.interval", "5 s");
        cluster.setString("restart-strategy.type", "exponential-delay");
        cluster.setString("taskmanager.numberOfTaskSlots", "1");

        assertThat(ViewApplication.sessionSettings(cluster))
                .isEqualTo(
                        Map.of(
                                "execution.checkpointing.interval", "5 s",
                                "restart-strategy.type", "exponential-delay"));
    }
}
