package org.streamingest.job.warehouse;

import org.streamingest.job.exec.JobMetrics;
import org.streamingest.job.sql.ObjectName;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The streaming pipelines of a warehouse session: one Flink job per materialized view, a streaming
 * {@code INSERT INTO <view> <query>} named {@code mv <schema>.<view>}, written with Iceberg's v2
 * sink ({@code table.exec.iceberg.use-v2-sink=true}: the v1 sink was seen to lose rows, see
 * DESIGN.md). Every checkpoint commits one Iceberg snapshot, so AUTO REFRESH YES views checkpoint
 * every {@value #AUTO_REFRESH_INTERVAL} (override with {@code --conf
 * execution.checkpointing.interval=...}) and their rows are queryable about that long after they
 * reach the stream.
 */
public final class Pipelines implements AutoCloseable {

    static final String AUTO_REFRESH_INTERVAL = "1 s";
    static final String MANUAL_INTERVAL = "1 h";
    static final String USE_V2_SINK = "table.exec.iceberg.use-v2-sink";

    private final Warehouse warehouse;
    private final Map<ObjectName, JobID> running = new LinkedHashMap<>();

    public Pipelines(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Starts the pipeline of {@code view} as its definition says, from {@code savepoint}. */
    public JobID start(ObjectName view, ViewDefinition definition, String savepoint) {
        return start(view, definition.flinkSql(), definition.autoRefresh(), savepoint);
    }

    /**
     * Starts {@code INSERT INTO view query}, from {@code savepoint} if not {@code null}. Periodic
     * checkpoints: the auto-refresh interval, or {@value #MANUAL_INTERVAL} for a manual refresh
     * (which ends with a savepoint; periodic checkpointing stays on so the job is exactly-once).
     */
    public JobID start(ObjectName view, String query, boolean autoRefresh, String savepoint) {
        Map<String, String> settings = new HashMap<>();
        settings.put(USE_V2_SINK, "true");
        settings.put(PipelineOptions.NAME.key(), "mv " + view);
        settings.put(
                CheckpointingOptions.CHECKPOINTING_INTERVAL.key(),
                autoRefresh
                        ? warehouse
                                .flinkSettings()
                                .getOrDefault(
                                        CheckpointingOptions.CHECKPOINTING_INTERVAL.key(),
                                        AUTO_REFRESH_INTERVAL)
                        : MANUAL_INTERVAL);
        settings.put(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(),
                warehouse.location().checkpoints());
        // A failing record fails again on every restart: give up after a few, so that REFRESH
        // reports the error instead of waiting for ever (transient Kinesis errors are retried
        // inside the connector).
        settings.put(RestartStrategyOptions.RESTART_STRATEGY.key(), "fixed-delay");
        settings.put(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS.key(), "2");
        settings.put(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY.key(), "500 ms");
        if (savepoint != null) {
            settings.put(StateRecoveryOptions.SAVEPOINT_PATH.key(), savepoint);
        }
        TableEnvironment env = warehouse.streaming(settings);
        TableResult result =
                env.executeSql(
                        "INSERT INTO `" + view.schema() + "`.`" + view.name() + "` " + query);
        JobID job =
                result.getJobClient()
                        .orElseThrow(() -> new IllegalStateException("No job for " + view))
                        .getJobID();
        running.put(view, job);
        return job;
    }

    /** The running job of {@code view}, if this session started one. */
    public Optional<JobID> job(ObjectName view) {
        return Optional.ofNullable(running.get(view));
    }

    /** Cancels the pipeline of {@code view}, if running; its uncommitted rows are discarded. */
    public void cancel(ObjectName view) throws Exception {
        JobID job = running.remove(view);
        if (job != null) {
            warehouse.cluster().client().cancel(job).get(1, TimeUnit.MINUTES);
        }
    }

    /**
     * Stops the pipeline of {@code view} with a savepoint into the view's savepoint directory and
     * returns the savepoint's path. The savepoint completes a checkpoint, whose rows the Iceberg
     * sink commits before the job ends.
     */
    public String suspend(ObjectName view) throws Exception {
        JobID job = running.remove(view);
        if (job == null) {
            throw new IllegalStateException("The pipeline of " + view + " is not running.");
        }
        awaitAllTasksRunning(view, job);
        return warehouse
                .cluster()
                .client()
                .stopWithSavepoint(
                        job,
                        false,
                        warehouse.location().savepoints(view.schema(), view.name()),
                        SavepointFormatType.CANONICAL)
                .get(5, TimeUnit.MINUTES);
    }

    /** A savepoint needs every task running: waits for that (a just-started job deploys). */
    void awaitAllTasksRunning(ObjectName view, JobID job) throws Exception {
        JobMetrics rest = new JobMetrics(warehouse.cluster().restAddress());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!rest.allRunning(job)) {
            String state = rest.state(job);
            if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
                throw new IllegalStateException(
                        IngestionFailure.message(warehouse, view, state, rest.rootException(job)));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "The tasks of the pipeline of "
                                + view
                                + " did not start within 2 minutes.");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Deletes a savepoint that a newer one replaced; a failure leaves only garbage behind, so it is
     * ignored.
     */
    static void discard(String savepoint) {
        if (savepoint == null) {
            return;
        }
        try {
            org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(savepoint);
            path.getFileSystem().delete(path, true);
        } catch (java.io.IOException | RuntimeException ignored) {
            // an unreferenced savepoint directory stays behind
        }
    }

    /** The views whose pipelines this session runs. */
    public Iterable<ObjectName> views() {
        return Map.copyOf(running).keySet();
    }

    /** Cancels every pipeline still running. */
    @Override
    public void close() throws Exception {
        for (ObjectName view : views()) {
            cancel(view);
        }
    }
}
