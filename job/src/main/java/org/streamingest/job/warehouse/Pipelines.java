package org.streamingest.job.warehouse;

import org.streamingest.job.exec.JobMetrics;
import org.streamingest.job.sql.ObjectName;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The streaming pipelines of a warehouse session: one Flink job per materialized view on a stream,
 * a streaming {@code INSERT INTO <view> <query>} named {@code mv <schema>.<view>}, written with
 * Iceberg's v2 sink ({@code table.exec.iceberg.use-v2-sink=true}: the v1 sink was seen to lose
 * rows, see DESIGN.md). Every checkpoint commits one Iceberg snapshot, so AUTO REFRESH YES views
 * checkpoint every {@value #AUTO_REFRESH_INTERVAL} (override with {@code --conf
 * execution.checkpointing.interval=...}) and their rows are queryable about that long after they
 * reach the stream.
 *
 * <p>Where a pipeline starts is kept in the view's table properties. {@link #suspend} stops it with
 * a savepoint ({@value #SAVEPOINT}); a pipeline that ends any other way (its session was killed, it
 * failed) leaves its job id ({@value #JOB}) and its retained checkpoints behind, and the next start
 * restores the newest of them: the state whose Iceberg commit is the view's last committed one, so
 * nothing is lost or read twice.
 */
public final class Pipelines implements AutoCloseable {

    static final String AUTO_REFRESH_INTERVAL = "1 s";
    static final String MANUAL_INTERVAL = "1 h";
    static final String USE_V2_SINK = "table.exec.iceberg.use-v2-sink";
    static final String SAVEPOINT = ViewDefinition.PREFIX + "savepoint";
    static final String JOB = ViewDefinition.PREFIX + "pipeline-job";

    private final Warehouse warehouse;
    private final Map<ObjectName, JobID> running = new LinkedHashMap<>();
    private final Map<ObjectName, String> failed = new LinkedHashMap<>();

    public Pipelines(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Starts the pipeline of {@code view} as its definition says. */
    public JobID start(ObjectName view, ViewDefinition definition) {
        return start(view, definition.flinkSql(), definition.autoRefresh());
    }

    /**
     * Starts {@code INSERT INTO view query} from the view's {@link #restorePoint}. Periodic
     * checkpoints: the auto-refresh interval, or {@value #MANUAL_INTERVAL} for a manual refresh
     * (which ends with a savepoint; periodic checkpointing stays on so the job is exactly-once).
     */
    public JobID start(ObjectName view, String query, boolean autoRefresh) {
        Table table = table(view);
        JobID job = submit(view, query, autoRefresh, restorePoint(view, table.properties()));
        running.put(view, job);
        failed.remove(view);
        table.updateProperties().set(JOB, job.toString()).commit();
        return job;
    }

    private JobID submit(ObjectName view, String query, boolean autoRefresh, String restore) {
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
                warehouse.location().checkpoints(view.schema(), view.name()));
        // Kept when the job fails or is cancelled: the next start restores the newest one.
        settings.put(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION.key(),
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION.name());
        // A failing record fails again on every restart: give up after a few, so that REFRESH
        // reports the error instead of waiting for ever (transient Kinesis errors are retried
        // inside the connector).
        settings.put(RestartStrategyOptions.RESTART_STRATEGY.key(), "fixed-delay");
        settings.put(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS.key(), "2");
        settings.put(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY.key(), "500 ms");
        if (restore != null) {
            settings.put(StateRecoveryOptions.SAVEPOINT_PATH.key(), restore);
        }
        TableEnvironment env = warehouse.streaming(settings);
        TableResult result = env.executeSql("INSERT INTO " + view.flink() + " " + query);
        return result.getJobClient()
                .orElseThrow(() -> new IllegalStateException("No job for " + view))
                .getJobID();
    }

    /**
     * Checks that {@code query} can continue from the view's restore point: runs it from there
     * until every task runs, that is until its state was restored, and cancels it before it commits
     * anything. Throws {@link IllegalStateException} with Flink's reason if it cannot.
     */
    void probeRestore(ObjectName view, String query) throws Exception {
        String restore = restorePoint(view, table(view).properties());
        if (restore == null) {
            return;
        }
        JobID probe = submit(view, query, false, restore);
        try {
            awaitAllTasksRunning(view, probe);
        } finally {
            try {
                warehouse.cluster().client().cancel(probe).get(1, TimeUnit.MINUTES);
            } catch (Exception alreadyEnded) {
                // a probe that failed to restore has ended by itself
            }
        }
    }

    /**
     * Stops the pipeline of {@code view}: with a savepoint if it runs. If it failed (a record it
     * cannot process), it is only forgotten, its retained checkpoints stay its restore point, and
     * the reason is returned; else {@code null}.
     */
    public String stop(ObjectName view) throws Exception {
        JobID job = running.get(view);
        if (job == null) {
            return null;
        }
        JobMetrics rest = new JobMetrics(warehouse.cluster().restAddress());
        String state = rest.state(job);
        if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
            running.remove(view);
            String reason =
                    IngestionFailure.message(warehouse, view, state, rest.rootException(job));
            failed.put(view, reason);
            return reason;
        }
        suspend(view);
        return null;
    }

    /**
     * Forgets every pipeline whose job ended by itself (it failed) and returns why, by view. Its
     * retained checkpoints stay its restore point.
     */
    Map<ObjectName, String> reapEnded() throws Exception {
        Map<ObjectName, String> ended = new LinkedHashMap<>();
        JobMetrics rest = new JobMetrics(warehouse.cluster().restAddress());
        for (ObjectName view : views()) {
            String state = rest.state(running.get(view));
            if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
                ended.put(view, stop(view));
            }
        }
        return ended;
    }

    /** What each view's pipeline does in this session: running, or stopped by an error. */
    Map<ObjectName, String> states() {
        Map<ObjectName, String> states = new LinkedHashMap<>();
        failed.keySet().forEach(view -> states.put(view, "stopped by an error"));
        running.keySet().forEach(view -> states.put(view, "running"));
        return states;
    }

    /** The views whose pipeline failed in this session and was not started again, with why. */
    public Map<ObjectName, String> failed() {
        return Map.copyOf(failed);
    }

    /**
     * Where the next pipeline of {@code view} starts: the newest retained checkpoint of a pipeline
     * that ended without a savepoint, else the view's savepoint, else {@code null} (the stream's
     * trim horizon).
     */
    String restorePoint(ObjectName view, Map<String, String> properties) {
        String job = properties.get(JOB);
        if (job != null) {
            String checkpoint =
                    Checkpoints.newest(
                            warehouse.location().checkpoints(view.schema(), view.name())
                                    + "/"
                                    + job);
            if (checkpoint != null) {
                return checkpoint;
            }
        }
        return properties.get(SAVEPOINT);
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
     * Stops the pipeline of {@code view} with a savepoint into the view's savepoint directory,
     * records it as the view's restore point and returns its path. The savepoint completes a
     * checkpoint, whose rows the Iceberg sink commits before the job ends. The savepoint it
     * replaces and the view's retained checkpoints are deleted.
     */
    public String suspend(ObjectName view) throws Exception {
        JobID job = running.remove(view);
        if (job == null) {
            throw new IllegalStateException("The pipeline of " + view + " is not running.");
        }
        awaitAllTasksRunning(view, job);
        String savepoint =
                warehouse
                        .cluster()
                        .client()
                        .stopWithSavepoint(
                                job,
                                false,
                                warehouse.location().savepoints(view.schema(), view.name()),
                                SavepointFormatType.CANONICAL)
                        .get(5, TimeUnit.MINUTES);
        Table table = table(view);
        String previous = table.properties().get(SAVEPOINT);
        table.updateProperties().set(SAVEPOINT, savepoint).remove(JOB).commit();
        if (!savepoint.equals(previous)) {
            discard(previous);
        }
        discard(warehouse.location().checkpoints(view.schema(), view.name()));
        return savepoint;
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
     * Deletes a savepoint or checkpoint directory nothing refers to any more; a failure leaves only
     * garbage behind, so it is ignored.
     */
    static void discard(String directory) {
        if (directory == null) {
            return;
        }
        try {
            org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(directory);
            path.getFileSystem().delete(path, true);
        } catch (java.io.IOException | RuntimeException ignored) {
            // an unreferenced savepoint directory stays behind
        }
    }

    private Table table(ObjectName view) {
        return warehouse
                .catalog()
                .catalog()
                .loadTable(TableIdentifier.of(view.schema(), view.name()));
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
