package org.streamingest.warehouse.view;

import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestOptions;

import java.util.Map;
import java.util.Optional;

/**
 * The view service ({@link MaterializedViews}) of one warehouse, on the Flink cluster a Flink SQL
 * session submits to: {@code execution.target = remote} with {@code rest.address} and {@code
 * rest.port}, as in a SQL gateway session, or an embedded cluster of its own when the session runs
 * locally.
 */
public final class ViewService implements AutoCloseable {

    private final FlinkCluster cluster;
    private final Warehouse warehouse;
    private final Pipelines pipelines;
    private final MaterializedViews views;

    private ViewService(WarehouseConfig config, FlinkCluster cluster) {
        this.cluster = cluster;
        this.warehouse = new Warehouse(config, cluster, Map.of());
        this.pipelines = new Pipelines(warehouse);
        this.views = new MaterializedViews(warehouse, pipelines, config.leaseTimeout());
    }

    /** The view service of the warehouse {@code config}, on the cluster of {@code session}. */
    public static ViewService open(WarehouseConfig config, ReadableConfig session) {
        FlinkCluster cluster =
                remoteCluster(session).map(FlinkCluster::remote).orElseGet(FlinkCluster::embedded);
        try {
            return new ViewService(config, cluster);
        } catch (RuntimeException e) {
            try {
                cluster.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * {@code HOST:PORT} of the session cluster that {@code session} submits its jobs to, if it
     * submits to one ({@code execution.target = remote}).
     */
    public static Optional<String> remoteCluster(ReadableConfig session) {
        String target = session.getOptional(DeploymentOptions.TARGET).orElse("local");
        if (!target.equals("remote")) {
            return Optional.empty();
        }
        return Optional.of(session.get(RestOptions.ADDRESS) + ":" + session.get(RestOptions.PORT));
    }

    public MaterializedViews views() {
        return views;
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    /**
     * Ends the service as a session of the CLI ends: suspends whatever pipeline it left running and
     * gives up its leases.
     */
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

    /**
     * Ends the service of a Flink SQL session whose pipelines run on a session cluster: they keep
     * running, as Flink's materialized tables do after their session, and their leases name their
     * jobs for whoever takes the views next ({@link MaterializedViews#leaveRunning}).
     */
    public void closeLeavingPipelinesRunning() throws Exception {
        try (FlinkCluster c = cluster;
                Warehouse w = warehouse;
                Pipelines p = pipelines;
                MaterializedViews v = views) {
            views.leaveRunning();
        }
    }
}
