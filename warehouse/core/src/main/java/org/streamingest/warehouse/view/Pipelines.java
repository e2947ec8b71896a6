package org.streamingest.warehouse.view;

import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.pipeline.FlinkJobs;
import org.streamingest.warehouse.pipeline.RestFlinkJobs;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The streaming pipelines of a warehouse session: one Flink job per materialized view on a stream,
 * a streaming {@code INSERT INTO <view> <query>} named {@code mv <schema>.<view>}, written with
 * Iceberg's v2 sink ({@code table.exec.iceberg.use-v2-sink=true}: the v1 sink was seen to lose
 * rows, see DESIGN.md). Every checkpoint commits one Iceberg snapshot, so an AUTO REFRESH YES view
 * checkpoints at its auto-refresh interval and its rows are queryable about that long after they
 * reach the stream. That interval and the restart strategy are resolved by {@link JobSettings},
 * lowest first: the defaults of the warehouse catalog's options ({@code auto-refresh.interval} 1 s,
 * {@code pipeline.restart-attempts} 2, {@code pipeline.restart-delay} 500 ms) &lt; the warehouse's
 * options &lt; Flink's own keys in the session's settings ({@code --conf
 * execution.checkpointing.interval=...}) &lt; the view's own interval. What the warehouse relies on
 * (the job's name, the v2 sink, where checkpoints go and that they are retained) is set here and
 * overrides the session.
 *
 * <p>A pipeline starts from the newest completed snapshot of the view's state ({@link
 * RestorePoints}): the savepoint {@link #suspend} took, or, if the last pipeline ended any other
 * way (it failed, its session was killed), its newest retained checkpoint ({@code
 * RETAIN_ON_CANCELLATION}). That is the state whose Iceberg commit is the view's last one, so
 * nothing is lost or read twice.
 */
public final class Pipelines implements AutoCloseable {

    static final String USE_V2_SINK = "table.exec.iceberg.use-v2-sink";

    private final Warehouse warehouse;
    private final Map<ObjectName, JobID> running = new LinkedHashMap<>();
    private final Map<ObjectName, String> failed = new LinkedHashMap<>();
    private final FlinkJobs flink;
    private BiConsumer<ObjectName, JobID> jobs = (view, job) -> {};

    public Pipelines(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.flink = new RestFlinkJobs(warehouse.cluster());
    }

    /**
     * Tells {@code listener} the job of a view's pipeline whenever one starts, and {@code null}
     * when it no longer runs here.
     */
    void onJobChange(BiConsumer<ObjectName, JobID> listener) {
        this.jobs = listener;
    }

    /** Starts the pipeline of {@code view} as its definition says, with its own interval if any. */
    public JobID start(ObjectName view, ViewDefinition definition) {
        return started(
                view,
                submit(
                        view,
                        statement(view, definition, Map.of()),
                        definition.autoRefresh(),
                        definition.freshness(),
                        restorePoint(view)));
    }

    /**
     * Starts the pipeline of {@code view} for a manual refresh, with {@code streamOptions} on its
     * stream, from the view's {@link #restorePoint}. Periodic checkpoints every {@value
     * JobSettings#MANUAL_INTERVAL} (the refresh ends with a savepoint; periodic checkpointing stays
     * on so the job is exactly-once).
     */
    JobID startRefresh(
            ObjectName view, ViewDefinition definition, Map<String, String> streamOptions) {
        return started(
                view,
                submit(
                        view,
                        statement(view, definition, streamOptions),
                        false,
                        null,
                        restorePoint(view)));
    }

    /**
     * What the pipeline of {@code view} runs: {@code INSERT INTO view query}, and beside it, for a
     * view on a stream with a scan query, the insert of its {@link ScanStates} on the same source
     * (one statement set: one job, one checkpoint for both). {@code streamOptions} go on every
     * reference of the stream.
     */
    String statement(
            ObjectName view, ViewDefinition definition, Map<String, String> streamOptions) {
        String query = definition.flinkSql();
        if (definition.derived() || definition.scanSql() == null) {
            return "INSERT INTO " + view.flink() + " " + hinted(query, definition, streamOptions);
        }
        ScanStates.ensure(warehouse.catalog().catalog(), view);
        return "EXECUTE STATEMENT SET BEGIN\nINSERT INTO "
                + view.flink()
                + " "
                + hinted(query, definition, streamOptions)
                + ";\n"
                + ScanStates.insert(view, hinted(definition.scanSql(), definition, streamOptions))
                + ";\nEND";
    }

    private static String hinted(
            String sql, ViewDefinition definition, Map<String, String> streamOptions) {
        return streamOptions.isEmpty()
                ? sql
                : TableHints.withOptions(sql, ObjectName.parse(definition.stream()), streamOptions);
    }

    /**
     * Starts the pipeline of {@code view} from {@code restore} ({@code null}: the trim horizon) as
     * a continuous one, checkpointing at the view's auto-refresh interval whatever its AUTO REFRESH
     * setting: the job of a Flink application that runs one view ({@link
     * org.streamingest.warehouse.app.ViewApplication}).
     */
    JobID startContinuous(ObjectName view, ViewDefinition definition, String restore) {
        return started(
                view,
                submit(
                        view,
                        statement(view, definition, Map.of()),
                        true,
                        definition.freshness(),
                        restore));
    }

    private JobID started(ObjectName view, JobID job) {
        running.put(view, job);
        jobs.accept(view, job);
        failed.remove(view);
        return job;
    }

    private JobID submit(
            ObjectName view,
            String statement,
            boolean autoRefresh,
            Duration viewInterval,
            String restore) {
        Map<String, String> settings =
                new HashMap<>(
                        JobSettings.of(
                                warehouse.config(),
                                warehouse.flinkSettings(),
                                autoRefresh,
                                viewInterval));
        settings.put(USE_V2_SINK, "true");
        settings.put(PipelineOptions.NAME.key(), "mv " + view);
        settings.put(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(),
                warehouse.location().checkpoints(view.schema(), view.name()));
        // Kept when the job fails or is cancelled: the next start restores the newest one.
        settings.put(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION.key(),
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION.name());
        if (restore != null) {
            settings.put(StateRecoveryOptions.SAVEPOINT_PATH.key(), restore);
        }
        return flink.start(warehouse.streaming(settings), statement);
    }

    /**
     * Checks that {@code definition} can continue from the view's restore point: runs it from there
     * until every task runs, that is until its state was restored, and cancels it before its first
     * checkpoint (restoring may commit again what the restored state had not committed yet, which
     * the Iceberg sink does idempotently). Throws with Flink's reason if it cannot.
     */
    void probeRestore(ObjectName view, ViewDefinition definition) throws Exception {
        String restore = restorePoint(view);
        if (restore == null) {
            return;
        }
        JobID probe = submit(view, statement(view, definition, Map.of()), false, null, restore);
        try {
            awaitAllTasksRunning(view, probe);
        } finally {
            cancelAndWait(probe);
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
        String state = flink.state(job);
        if (FlinkJobs.ended(state)) {
            return forget(view, job, state);
        }
        suspend(view);
        return null;
    }

    /** Forgets the pipeline of {@code view}, whose job ended by itself; returns why it ended. */
    private String forget(ObjectName view, JobID job, String state) throws Exception {
        running.remove(view);
        jobs.accept(view, null);
        String reason = IngestionFailure.message(warehouse, view, state, flink.rootException(job));
        failed.put(view, reason);
        return reason;
    }

    /**
     * Forgets every pipeline whose job ended by itself (it failed) and returns why, by view. Its
     * retained checkpoints stay its restore point.
     */
    Map<ObjectName, String> reapEnded() throws Exception {
        Map<ObjectName, String> ended = new LinkedHashMap<>();
        for (ObjectName view : views()) {
            try {
                JobID job = running.get(view);
                String state = flink.state(job);
                if (FlinkJobs.ended(state)) {
                    ended.put(view, forget(view, job, state));
                }
            } catch (Exception unreachable) {
                // Flink did not answer: the next round asks again
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

    /** Where the next pipeline of {@code view} starts, {@code null} for the trim horizon. */
    String restorePoint(ObjectName view) {
        return RestorePoints.newest(
                warehouse.location().savepoints(view.schema(), view.name()),
                warehouse.location().checkpoints(view.schema(), view.name()));
    }

    /**
     * Takes {@code job}, which runs {@code query}-equivalent work for {@code view} on this
     * session's cluster but was started elsewhere (by a Flink SQL gateway for {@code CREATE
     * MATERIALIZED TABLE}), as the view's running pipeline, so that {@link #suspend} can stop it.
     */
    void adopt(ObjectName view, JobID job) {
        running.put(view, job);
        jobs.accept(view, job);
        failed.remove(view);
    }

    /** Forgets the pipeline of {@code view}, which someone else stopped. */
    void forgetStopped(ObjectName view) {
        if (running.remove(view) != null) {
            jobs.accept(view, null);
        }
    }

    /**
     * Forgets every running pipeline without stopping it and returns the views: for a session whose
     * pipelines run on a session cluster and outlive it.
     */
    List<ObjectName> detach() {
        List<ObjectName> views = new ArrayList<>(running.keySet());
        running.clear();
        return views;
    }

    /** The running job of {@code view}, if this session started one. */
    public Optional<JobID> job(ObjectName view) {
        return Optional.ofNullable(running.get(view));
    }

    /** Cancels the pipeline of {@code view}, if running; its uncommitted rows are discarded. */
    public void cancel(ObjectName view) throws Exception {
        failed.remove(view);
        JobID job = running.remove(view);
        jobs.accept(view, null);
        if (job != null) {
            cancelAndWait(job);
        }
    }

    /** Cancels {@code job} and waits until it has ended, so that none of its tasks still writes. */
    private void cancelAndWait(JobID job) throws Exception {
        flink.cancel(job);
    }

    /**
     * Stops the pipeline of {@code view} with a savepoint into the view's savepoint directory and
     * returns its path; being the newest snapshot, it is the next {@link #restorePoint}. The
     * savepoint completes a checkpoint, whose rows the Iceberg sink commits before the job ends.
     * Every other savepoint and the retained checkpoints of the view are deleted.
     */
    public String suspend(ObjectName view) throws Exception {
        JobID job = running.get(view);
        if (job == null) {
            throw new IllegalStateException("The pipeline of " + view + " is not running.");
        }
        String savepoint;
        try {
            awaitAllTasksRunning(view, job);
            savepoint =
                    flink.stopWithSavepoint(
                            job, warehouse.location().savepoints(view.schema(), view.name()));
        } catch (Exception e) {
            // Never leave a job running untracked: its retained checkpoints stay the restore point.
            cancelAndWait(job);
            running.remove(view);
            jobs.accept(view, null);
            throw e;
        }
        running.remove(view);
        jobs.accept(view, null);
        discardAllBut(warehouse.location().savepoints(view.schema(), view.name()), savepoint);
        discard(warehouse.location().checkpoints(view.schema(), view.name()));
        return savepoint;
    }

    /** Deletes every savepoint of a view's directory but {@code kept}. */
    private static void discardAllBut(String directory, String kept) {
        try {
            org.apache.flink.core.fs.Path dir = new org.apache.flink.core.fs.Path(directory);
            org.apache.flink.core.fs.Path keep = new org.apache.flink.core.fs.Path(kept);
            for (org.apache.flink.core.fs.FileStatus status : dir.getFileSystem().listStatus(dir)) {
                if (!status.getPath().getName().equals(keep.getName())) {
                    discard(status.getPath().toString());
                }
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // an unreferenced savepoint stays behind; the newest is still the one chosen
        }
    }

    /** A savepoint needs every task running: waits for that (a just-started job deploys). */
    void awaitAllTasksRunning(ObjectName view, JobID job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!flink.allTasksRunning(job)) {
            String state = flink.state(job);
            if (FlinkJobs.ended(state)) {
                throw new IllegalStateException(
                        IngestionFailure.message(warehouse, view, state, flink.rootException(job)));
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

    /** The cluster's jobs. */
    FlinkJobs flink() {
        return flink;
    }

    /**
     * The tables the pipelines of this session write: each view's own and, if it has one, its scan
     * table ({@link ScanStates}), which gets a commit per checkpoint as the view does.
     */
    public Iterable<ObjectName> tables() {
        List<ObjectName> tables = new ArrayList<>();
        for (ObjectName view : views()) {
            tables.add(view);
            if (warehouse.catalog().catalog().tableExists(ScanStates.id(view))) {
                tables.add(new ObjectName(SystemViews.PG_CATALOG, ScanStates.id(view).name()));
            }
        }
        return tables;
    }

    /** The views whose pipelines this session runs. */
    public Iterable<ObjectName> views() {
        return Map.copyOf(running).keySet();
    }

    /** Cancels every pipeline still running, each even if another cannot be cancelled. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        for (ObjectName view : views()) {
            try {
                cancel(view);
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
