package org.streamingest.warehouse.procedure;

import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.pipeline.FlinkCluster;
import org.streamingest.warehouse.view.MaterializedViews;
import org.streamingest.warehouse.view.Pipelines;

import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestOptions;

import java.util.Map;

/**
 * One call of a procedure on the view service, in the session that made the call: the view service
 * ({@link MaterializedViews}) over the warehouse of the calling catalog, on the Flink cluster the
 * session submits to ({@code execution.target = remote} with {@code rest.address} and {@code
 * rest.port}, as in a SQL gateway session), or on an embedded cluster of its own for the duration
 * of the call when the session runs locally. Closing it suspends whatever pipeline it left running
 * and gives up its leases, as the CLI does when a script ends.
 */
final class ViewCall implements AutoCloseable {

    private final FlinkCluster cluster;
    private final Warehouse warehouse;
    private final Pipelines pipelines;
    private final MaterializedViews views;

    private ViewCall(WarehouseConfig config, FlinkCluster cluster) {
        this.cluster = cluster;
        this.warehouse = new Warehouse(config, cluster, Map.of());
        this.pipelines = new Pipelines(warehouse);
        this.views = new MaterializedViews(warehouse, pipelines, config.leaseTimeout());
    }

    /** The view service of the warehouse {@code config}, on the cluster of {@code session}. */
    static ViewCall open(WarehouseConfig config, ReadableConfig session) {
        FlinkCluster cluster = cluster(session);
        try {
            return new ViewCall(config, cluster);
        } catch (RuntimeException e) {
            try {
                cluster.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static FlinkCluster cluster(ReadableConfig session) {
        String target = session.getOptional(DeploymentOptions.TARGET).orElse("local");
        if (target.equals("remote")) {
            return FlinkCluster.remote(
                    session.get(RestOptions.ADDRESS) + ":" + session.get(RestOptions.PORT));
        }
        return FlinkCluster.embedded();
    }

    MaterializedViews views() {
        return views;
    }

    Warehouse warehouse() {
        return warehouse;
    }

    @Override
    public void close() throws Exception {
        try (FlinkCluster c = cluster;
                Warehouse w = warehouse;
                Pipelines p = pipelines;
                MaterializedViews v = views) {
            for (var view : pipelines.views()) {
                views.suspend(view);
            }
        }
    }
}
