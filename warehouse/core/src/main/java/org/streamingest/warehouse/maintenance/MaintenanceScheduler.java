package org.streamingest.warehouse.maintenance;

import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.pipeline.LocalListeners;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Maintains the tables of the views whose pipelines this process runs (it holds their leases),
 * every {@code maintenance.interval}: rewrites their small files, then expires their old snapshots
 * (so the files a rewrite replaced go once their snapshots are older than {@code
 * maintenance.snapshot-retention}). Orphan files are left to {@code remove_orphan_files}.
 *
 * <p>It runs on a thread of its own and takes no lock of the session: the pipelines go on
 * committing while it works, and a commit of theirs that races a maintenance commit is retried by
 * Iceberg (see {@link DataFileRewrite}), so freshness is not held back. The rewrite's Flink job
 * runs on a local cluster in this process, with parallelism 1, not on the cluster that runs the
 * pipelines, so it never waits for their slots. A view whose maintenance fails is logged and tried
 * again in the next round; the others go on.
 */
public final class MaintenanceScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceScheduler.class);

    private final TableMaintenance maintenance;
    private final Supplier<Iterable<ObjectName>> views;
    private final Supplier<StreamExecutionEnvironment> environments;
    private final ScheduledExecutorService thread;

    /**
     * Maintains the tables of {@code views} (asked each round) every {@code interval}; never if the
     * interval is zero.
     */
    public static MaintenanceScheduler start(
            TableMaintenance maintenance, Supplier<Iterable<ObjectName>> views, Duration interval) {
        MaintenanceScheduler scheduler =
                new MaintenanceScheduler(
                        maintenance,
                        views,
                        () ->
                                StreamExecutionEnvironment.createLocalEnvironment(
                                        1,
                                        LocalListeners.apply(
                                                new Configuration(), new Configuration())));
        if (!interval.isZero()) {
            scheduler.thread.scheduleWithFixedDelay(
                    scheduler::round,
                    interval.toMillis(),
                    interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return scheduler;
    }

    MaintenanceScheduler(
            TableMaintenance maintenance,
            Supplier<Iterable<ObjectName>> views,
            Supplier<StreamExecutionEnvironment> environments) {
        this.maintenance = maintenance;
        this.views = views;
        this.environments = environments;
        this.thread =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "streaming-ingest table maintenance");
                            t.setDaemon(true);
                            return t;
                        });
    }

    private void round() {
        runOnce()
                .forEach((view, outcome) -> LOG.info("table maintenance of {}: {}", view, outcome));
    }

    /** One round over the views: what it did to each, or why it failed. */
    Map<ObjectName, String> runOnce() {
        Map<ObjectName, String> outcomes = new LinkedHashMap<>();
        for (ObjectName view : views.get()) {
            try {
                DataFileRewrite.Result rewrite =
                        maintenance.rewriteDataFiles(view, environments.get(), null);
                SnapshotExpiry.Result expiry = maintenance.expireSnapshots(view, null, null);
                outcomes.put(view, describe(rewrite, expiry));
            } catch (RuntimeException e) {
                outcomes.put(view, "failed, tried again next round: " + e.getMessage());
            }
        }
        return outcomes;
    }

    static String describe(DataFileRewrite.Result rewrite, SnapshotExpiry.Result expiry) {
        return "rewrote "
                + rewrite.rewrittenDataFiles()
                + " data files into "
                + rewrite.addedDataFiles()
                + ", removed "
                + rewrite.removedDeleteFiles()
                + " delete files; expired "
                + expiry.deletedSnapshots()
                + " snapshots ("
                + expiry.retainedSnapshots()
                + " kept), deleted "
                + expiry.deletedDataFiles()
                + " data files";
    }

    /** Stops; a round under way finishes first. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(5, TimeUnit.MINUTES)) {
            thread.shutdownNow();
        }
    }
}
