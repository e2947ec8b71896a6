package org.streamingest.warehouse.view;

import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseCatalog;
import org.streamingest.warehouse.maintenance.MaintenanceScheduler;
import org.streamingest.warehouse.maintenance.TableMaintenance;
import org.streamingest.warehouse.pipeline.Errors;
import org.streamingest.warehouse.pipeline.FlinkCluster;
import org.streamingest.warehouse.pipeline.FlinkJobs;
import org.streamingest.warehouse.pipeline.RestFlinkJobs;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.UpdateProperties;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Creates, refreshes, queries and drops materialized views. A view is an Iceberg table (format v2)
 * in its schema, with the query's result columns; its definition lives in the table's properties
 * ({@link ViewDefinition}). A base view reads exactly one stream and nothing else, as in Redshift,
 * through a streaming pipeline ({@link Pipelines}); aggregating base views (GROUP BY) get a primary
 * key on the GROUP BY columns and write upserts. A derived view reads other views and tables and is
 * recomputed on refresh ({@link DerivedRefresh}).
 */
public final class MaterializedViews implements AutoCloseable {

    private final Warehouse warehouse;
    private final Pipelines pipelines;
    private final DerivedRefresh derived;
    private final ViewGraph graph;
    private final RefreshHistory history;

    /** Maintains the tables of the views whose pipelines run here ({@code maintenance.*}). */
    private final MaintenanceScheduler maintenance;

    private final ViewLeases leases;

    /** The views of {@code warehouse}; leases last {@link ViewLeases#DEFAULT_TIMEOUT}. */
    public MaterializedViews(Warehouse warehouse, Pipelines pipelines) {
        this(warehouse, pipelines, ViewLeases.DEFAULT_TIMEOUT);
    }

    /** The views of {@code warehouse}, whose leases expire {@code leaseTimeout} after a renewal. */
    public MaterializedViews(Warehouse warehouse, Pipelines pipelines, Duration leaseTimeout) {
        this(warehouse, pipelines, new ViewLeases(warehouse.catalog().catalog(), leaseTimeout));
    }

    /**
     * The views of {@code warehouse} as the Flink application cluster {@code clusterId} sees them:
     * its leases are held by the cluster, whichever JobManager process runs ({@link
     * ViewLeases#ofApplication}).
     */
    public static MaterializedViews ofApplication(
            Warehouse warehouse, Pipelines pipelines, String clusterId) {
        return new MaterializedViews(
                warehouse,
                pipelines,
                ViewLeases.ofApplication(
                        warehouse.catalog().catalog(),
                        warehouse.config().leaseTimeout(),
                        clusterId));
    }

    private MaterializedViews(Warehouse warehouse, Pipelines pipelines, ViewLeases leases) {
        this.warehouse = warehouse;
        this.pipelines = pipelines;
        this.derived = new DerivedRefresh(warehouse);
        this.graph = new ViewGraph(warehouse);
        this.history = new RefreshHistory(warehouse.catalog().catalog());
        this.leases = leases;
        this.maintenance =
                MaintenanceScheduler.start(
                        new TableMaintenance(
                                warehouse.catalog().catalog(),
                                warehouse.config().maintenance(),
                                Clock.systemUTC()),
                        pipelines::tables,
                        warehouse.config().maintenance().interval());
        String cluster = warehouse.cluster().restAddress().toString();
        pipelines.onJobChange(
                (view, job) -> {
                    try {
                        leases.recordJob(view, job == null ? null : job.toString(), cluster);
                    } catch (RuntimeException e) {
                        // only what others see of this view is stale; the lease still holds
                    }
                });
    }

    /**
     * Runs {@code action} holding the lease of {@code view}, taken for {@code operation} unless
     * this session holds it; gives it up afterwards unless the view's pipeline runs here.
     */
    private <T> T leased(ObjectName view, String operation, Callable<T> action) throws Exception {
        return leased(view, operation, tookOverRunning -> action.call());
    }

    /** What runs under a view's lease, told whether its pipeline ran until the lease was taken. */
    @FunctionalInterface
    private interface LeasedAction<T> {
        T run(boolean tookOverRunning) throws Exception;
    }

    /**
     * {@link #leased(ObjectName, String, Callable)}, telling {@code action} whether the lease named
     * a pipeline job that another session left running and that was stopped for it ({@link
     * #stopLeftBehind}).
     */
    private <T> T leased(ObjectName view, String operation, LeasedAction<T> action)
            throws Exception {
        leases.acquire(view, operation);
        try {
            return action.run(stopLeftBehind(view));
        } finally {
            if (pipelines.job(view).isEmpty()) {
                leases.release(view);
            }
        }
    }

    /** Creates the view's table and, for AUTO REFRESH YES, starts its pipeline. */
    public void create(ObjectName view, boolean autoRefresh, ViewQuery query) throws Exception {
        ViewDefinition definition = createTable(view, autoRefresh, query, null);
        ObjectPath path = new ObjectPath(view.schema(), view.name());
        if (definition.derived()) {
            // As in Redshift, a view over views and tables holds its query's result from the start.
            try {
                derived.refresh(view, definition, true);
            } catch (Exception e) {
                warehouse.catalog().dropTable(path, true);
                throw e;
            }
        } else if (autoRefresh) {
            leased(view, "start the pipeline of " + view, () -> pipelines.start(view, definition));
        }
    }

    /**
     * {@code CREATE MATERIALIZED TABLE} in a Flink SQL gateway session: creates {@code view} on a
     * stream as AUTO REFRESH YES and keeps its lease, so that no other process starts its pipeline,
     * but starts none: the gateway submits the view's job next and reports it ({@link
     * #adoptStarted}). A view over views or tables is refused: its refresh is a recompute, which
     * the gateway's continuous job cannot be.
     */
    public void createForGateway(ObjectName view, ViewQuery query, Duration freshness)
            throws Exception {
        leases.acquire(view, "create " + view);
        try {
            stopLeftBehind(view);
            ViewDefinition definition = createTable(view, true, query, freshness);
            if (definition.derived()) {
                warehouse.catalog().dropTable(new ObjectPath(view.schema(), view.name()), true);
                throw new WarehouseException(
                        "CREATE MATERIALIZED TABLE "
                                + view
                                + " reads no stream: a materialized view over other views or"
                                + " tables is recomputed on REFRESH, which Flink's continuous"
                                + " refresh job cannot do. Create it with the streaming-ingest CLI"
                                + " (CREATE MATERIALIZED VIEW).");
            }
        } catch (Exception e) {
            leases.release(view);
            throw e;
        }
    }

    /**
     * A Flink SQL gateway started {@code job} for {@code view} ({@code CREATE} or {@code ALTER
     * MATERIALIZED TABLE ... RESUME}): replaces it by the view's own pipeline, which keeps its
     * state where every door finds it. The gateway's job is stopped with a savepoint into the
     * view's directory, so the pipeline goes on exactly where it stopped (nothing read twice or
     * lost); the view is AUTO REFRESH YES from then on.
     */
    public void adoptStarted(ObjectName view, JobID job) throws Exception {
        ViewDefinition definition = graph.definition(view);
        leases.acquire(view, "start the pipeline of " + view);
        try {
            stopLeftBehind(view);
            pipelines.adopt(view, job);
            pipelines.suspend(view);
            ViewDefinition auto = setAutoRefresh(view, definition, true);
            pipelines.start(view, auto);
        } catch (Exception e) {
            if (pipelines.job(view).isEmpty()) {
                leases.release(view);
            }
            throw e;
        }
    }

    /**
     * {@code ALTER MATERIALIZED TABLE ... SUSPEND} in a Flink SQL gateway: the gateway stopped the
     * view's pipeline with a savepoint at {@code savepoint} (its session's savepoint directory),
     * which is moved into the view's directory to be its restore point; the view is AUTO REFRESH NO
     * until it is resumed.
     */
    public void suspendedByGateway(ObjectName view, String savepoint) throws Exception {
        ViewDefinition definition = graph.definition(view);
        leased(
                view,
                "suspend " + view,
                () -> {
                    pipelines.forgetStopped(view);
                    if (savepoint != null && !savepoint.isEmpty()) {
                        adoptSavepoint(view, savepoint);
                    }
                    setAutoRefresh(view, definition, false);
                    return null;
                });
    }

    /** Moves a savepoint taken elsewhere into the view's savepoint directory. */
    private void adoptSavepoint(ObjectName view, String savepoint) throws Exception {
        Path from = new Path(savepoint);
        Path dir = new Path(warehouse.location().savepoints(view.schema(), view.name()));
        if (from.getParent() != null && from.getParent().equals(dir)) {
            return;
        }
        FileSystem fs = dir.getFileSystem();
        fs.mkdirs(dir);
        Path to = new Path(dir, from.getName());
        boolean moved;
        try {
            moved = from.getFileSystem().getUri().equals(fs.getUri()) && fs.rename(from, to);
        } catch (Exception e) {
            moved = false;
        }
        if (!moved) {
            throw new WarehouseException(
                    "The pipeline of "
                            + view
                            + " was stopped with a savepoint at "
                            + savepoint
                            + ", which cannot be moved to "
                            + dir
                            + ". Set execution.checkpointing.savepoint-dir to a directory on the"
                            + " warehouse's file system (see sql-gateway-config/config.yaml), and"
                            + " move the savepoint there by hand before the view is resumed.");
        }
    }

    private ViewDefinition setAutoRefresh(
            ObjectName view, ViewDefinition definition, boolean autoRefresh) {
        if (definition.autoRefresh() == autoRefresh) {
            return definition;
        }
        ViewDefinition altered = definition.withAutoRefresh(autoRefresh);
        UpdateProperties update = graph.table(view).updateProperties();
        altered.toProperties().forEach(update::set);
        update.commit();
        return altered;
    }

    /** Checks the schema and query of a new view and creates its table. */
    private ViewDefinition createTable(
            ObjectName view, boolean autoRefresh, ViewQuery query, Duration freshness)
            throws Exception {
        WarehouseCatalog catalog = warehouse.catalog();
        ObjectPath path = new ObjectPath(view.schema(), view.name());
        if (!catalog.databaseExists(view.schema())
                || catalog.externalSchema(view.schema()).isPresent()
                || view.schema().equals(SystemViews.PG_CATALOG)) {
            throw new WarehouseException(
                    "Schema \""
                            + view.schema()
                            + "\" does not exist or is an external or system schema: create materialized"
                            + " views in a regular schema such as public.");
        }
        if (catalog.tableExists(path)) {
            throw new WarehouseException("Relation \"" + view + "\" already exists.");
        }
        String stream = Relations.checkViewQuery(catalog, query);
        ViewDefinition definition =
                ViewDefinition.of(query, stream, autoRefresh).withFreshness(freshness);
        ScanStates.drop(catalog.catalog(), view); // of an earlier view of that name, if any
        TableEnvironment planner =
                definition.derived() ? warehouse.batch() : warehouse.streaming(Map.of());
        ResolvedSchema result = planner.sqlQuery(query.flinkSql()).getResolvedSchema();
        catalog.createTable(path, ViewTables.table(result, query, definition), false);
        return definition;
    }

    /**
     * Refreshes {@code view} and returns the rows added; with CASCADE the materialized views it
     * reads are refreshed first, bottom up, each once. A base view's refresh is a {@link
     * ManualRefresh}: it returns once every record that was in the stream when it began is
     * committed (the running pipeline of an AUTO REFRESH YES view is suspended with a savepoint for
     * it and resumed afterwards). A derived view is recomputed ({@link DerivedRefresh}) unless its
     * inputs have not changed since its last refresh.
     */
    public long refresh(ObjectName view, boolean cascade, Consumer<String> progress)
            throws Exception {
        ViewDefinition definition = graph.definition(view);
        if (cascade) {
            for (ObjectName upstream : graph.upstream(view, definition)) {
                progress.accept("refresh " + view + " cascades to " + upstream);
                refresh(upstream, graph.definition(upstream), progress);
            }
        }
        return refresh(view, definition, progress);
    }

    /**
     * Refreshes one view, holding its lease, and records the refresh in {@link RefreshHistory}. The
     * rows it added are counted from the snapshot the view has now, before a pipeline that runs is
     * stopped for the refresh: what that pipeline's last savepoint commits is the refresh's too.
     */
    private long refresh(ObjectName view, ViewDefinition definition, Consumer<String> progress)
            throws Exception {
        Snapshot before = definition.derived() ? null : warehouse.table(view).currentSnapshot();
        return leased(
                view,
                "refresh " + view,
                tookOverRunning ->
                        refreshLeased(view, definition, before, tookOverRunning, progress));
    }

    /**
     * A refresh of a base view stops its pipeline if it runs, and resumes it afterwards if it ran:
     * in this session, or in another that left it running on a session cluster (a SQL gateway
     * session that closed), whose job {@link #stopLeftBehind} stopped for the refresh.
     */
    private long refreshLeased(
            ObjectName view,
            ViewDefinition definition,
            Snapshot before,
            boolean tookOverRunning,
            Consumer<String> progress)
            throws Exception {
        Instant start = Instant.now();
        try {
            if (definition.derived()) {
                DerivedRefresh.Outcome outcome = derived.refresh(view, definition, false);
                String message = describe(view, outcome);
                progress.accept(message);
                history.succeeded(
                        view, RefreshHistory.Type.MANUAL, start, outcome.added(), message);
                return outcome.added();
            }
            boolean running =
                    pipelines.job(view).isPresent()
                            || (tookOverRunning && definition.autoRefresh());
            pipelines.stop(view);
            long added;
            try {
                added =
                        new ManualRefresh(warehouse, pipelines)
                                .refresh(view, definition, before, progress);
            } finally {
                if (running) { // AUTO REFRESH goes on, from the refresh's savepoint or before it
                    resume(view);
                }
            }
            history.succeeded(
                    view, RefreshHistory.Type.MANUAL, start, added, "read the stream to its tip");
            return added;
        } catch (Exception e) {
            history.failed(view, RefreshHistory.Type.MANUAL, start, Errors.rootMessage(e));
            throw e;
        }
    }

    private static String describe(ObjectName view, DerivedRefresh.Outcome outcome) {
        return outcome.upToDate()
                ? "Materialized view " + view + " is already up to date."
                : "refresh " + view + ": recomputed, " + outcome.rowsAfter() + " rows";
    }

    /** Forgets the pipelines that failed by themselves and returns why, by view. */
    Map<ObjectName, String> reapFailedPipelines() throws Exception {
        return pipelines.reapEnded();
    }

    /** Records an automatic recompute of {@code view} that failed. */
    void autoRefreshFailed(ObjectName view, Instant start, Exception e) {
        history.failed(view, RefreshHistory.Type.AUTO, start, Errors.rootMessage(e));
    }

    /**
     * Recomputes the AUTO REFRESH YES derived view {@code view} if an input changed since its last
     * refresh; returns the outcome, or {@code null} if it was up to date.
     */
    DerivedRefresh.Outcome refreshIfStale(ObjectName view, ViewDefinition definition)
            throws Exception {
        if (!leases.tryAcquire(view)) {
            return null; // another process keeps it fresh
        }
        Instant start = Instant.now();
        DerivedRefresh.Outcome outcome;
        try {
            outcome = derived.refresh(view, definition, false);
        } finally {
            leases.release(view);
        }
        if (outcome.upToDate()) {
            return null;
        }
        history.succeeded(
                view, RefreshHistory.Type.AUTO, start, outcome.added(), describe(view, outcome));
        return outcome;
    }

    /**
     * Switches {@code view} between AUTO REFRESH YES and NO: a running pipeline is suspended with a
     * savepoint; YES starts it again from there and keeps it running.
     */
    public void alterAutoRefresh(ObjectName view, boolean autoRefresh) throws Exception {
        ViewDefinition definition = graph.definition(view);
        leased(
                view,
                "alter " + view,
                () -> {
                    alterAutoRefreshLeased(view, definition, autoRefresh);
                    return null;
                });
    }

    private void alterAutoRefreshLeased(
            ObjectName view, ViewDefinition definition, boolean autoRefresh) throws Exception {
        pipelines.stop(view);
        ViewDefinition altered = setAutoRefresh(view, definition, autoRefresh);
        if (autoRefresh && !altered.derived()) {
            pipelines.start(view, altered);
        }
    }

    /** Gives {@code view} a new query with the same columns ({@link AlterViewQuery}). */
    public void alterQuery(ObjectName view, ViewQuery query) throws Exception {
        graph.definition(view); // a missing view is reported as such, not as a lease
        leased(
                view,
                "alter " + view,
                () -> {
                    new AlterViewQuery(warehouse, pipelines, graph, derived).alter(view, query);
                    return null;
                });
    }

    /** Every materialized view of the warehouse with its definition. */
    public Map<ObjectName, ViewDefinition> all() throws Exception {
        return graph.all();
    }

    /** The views on streams with AUTO REFRESH YES, whose pipelines should run. */
    public List<ObjectName> autoRefreshPipelines() throws Exception {
        List<ObjectName> auto = new ArrayList<>();
        all().forEach(
                        (view, definition) -> {
                            if (definition.autoRefresh() && !definition.derived()) {
                                auto.add(view);
                            }
                        });
        return auto;
    }

    /** The views that would lose a relation if {@code schema} were dropped. */
    public List<ObjectName> viewsReading(String schema) throws Exception {
        return graph.readingSchema(schema);
    }

    /** Starts the pipeline of {@code view} from where its last one stopped; holds its lease. */
    void resume(ObjectName view) {
        pipelines.start(view, ViewDefinition.fromProperties(graph.table(view).properties()));
    }

    /**
     * Takes the lease of {@code view} and starts its pipeline from where the last one stopped,
     * unless another live process holds it: then returns that holder and touches nothing.
     */
    public Optional<Lease> resumeUnlessHeld(ObjectName view) throws Exception {
        if (!leases.tryAcquire(view)) {
            return Optional.ofNullable(leases.all().get(view));
        }
        try {
            stopLeftBehind(view);
            resume(view);
        } catch (Exception e) {
            leases.release(view);
            throw e;
        }
        return Optional.empty();
    }

    /**
     * Runs the pipeline of {@code view} as the job of the Flink application this code runs in:
     * takes the view's lease (refused, naming the holder, while another process holds it), stops a
     * pipeline that a holder which went away left running, and starts the view's continuous
     * pipeline. It starts from the view's newest snapshot, unless {@code configuredRestore} (the
     * cluster's {@code execution.state-recovery.path}, which the operator sets on an upgrade) names
     * one outside the view's directories: that one was chosen by hand. A snapshot inside them is
     * never newer than the newest, so the view never goes back to an older position. The lease
     * stays held, renewed by this process, until {@link #applicationEnded}.
     *
     * <p>{@code savepointDirectory} is the cluster's {@code execution.checkpointing.savepoint-dir}
     * ({@code null} if unset), where the operator's savepoints go: it must be the view's savepoint
     * directory, where every door looks for what the view resumes from.
     */
    public JobID runAsApplication(
            ObjectName view, String savepointDirectory, String configuredRestore) throws Exception {
        String savepoints = warehouse.location().savepoints(view.schema(), view.name());
        if (savepointDirectory != null
                && !RestorePoints.sameDirectory(savepointDirectory, savepoints)) {
            throw new WarehouseException(
                    "execution.checkpointing.savepoint-dir is "
                            + savepointDirectory
                            + ", but the savepoints of "
                            + view
                            + " must go to "
                            + savepoints
                            + ", where every door (REFRESH, a gateway session, the next"
                            + " application) finds what the view resumes from. Set"
                            + " execution.checkpointing.savepoint-dir: "
                            + savepoints
                            + " in the FlinkDeployment's flinkConfiguration.");
        }
        ViewDefinition definition = graph.definition(view);
        if (definition.derived()) {
            throw new WarehouseException(
                    "Materialized view "
                            + view
                            + " reads other materialized views: it is refreshed by recomputing it"
                            + " (REFRESH MATERIALIZED VIEW), not by a continuous pipeline. Only a"
                            + " view on a stream runs as a Flink application.");
        }
        leases.acquire(view, "run " + view + " as a Flink application");
        try {
            stopLeftBehind(view);
            String newest = pipelines.restorePoint(view);
            String restore =
                    configuredRestore == null
                                    || RestorePoints.within(
                                            configuredRestore,
                                            savepoints,
                                            warehouse
                                                    .location()
                                                    .checkpoints(view.schema(), view.name()))
                            ? newest
                            : configuredRestore;
            return pipelines.startContinuous(view, definition, restore);
        } catch (Exception e) {
            leases.release(view);
            throw e;
        }
    }

    /**
     * The application's pipeline of {@code view} ended (the operator stopped it with a savepoint
     * for an upgrade or a suspend, or it failed): gives up the view's lease, so that any door may
     * refresh or run it from its newest snapshot.
     */
    public void applicationEnded(ObjectName view) {
        pipelines.forgetStopped(view);
        leases.release(view);
    }

    /**
     * Waits until the application's pipeline of {@code view} ({@link #runAsApplication}) has ended,
     * asking the cluster every {@code poll}, and returns {@code null} if it finished (it was
     * stopped with a savepoint), else why it ended, as REFRESH would say it. A cluster that does
     * not answer (its REST endpoint starting, or going down with its job) is asked again.
     */
    public String awaitApplicationEnd(ObjectName view, Duration poll) throws Exception {
        JobID job =
                pipelines
                        .job(view)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "No pipeline of " + view + " runs here."));
        FlinkJobs flink = pipelines.flink();
        while (true) {
            String state;
            try {
                state = flink.state(job);
            } catch (Exception notAnswering) {
                state = null;
            }
            if (state != null && FlinkJobs.ended(state)) {
                return JobStatus.FINISHED.name().equals(state)
                        ? null
                        : IngestionFailure.message(
                                warehouse, view, state, flink.rootException(job));
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /**
     * Stops the job that a lease this session just took over still named: its holder went away and
     * left the view's pipeline running on a session cluster. A savepoint into the view's directory
     * makes it the view's newest restore point, so the pipeline this session starts goes on exactly
     * where that job stopped. A job whose cluster no longer answers ended with it. Returns true if
     * the job still ran and was stopped here.
     */
    private boolean stopLeftBehind(ObjectName view) throws Exception {
        Optional<Lease> left = leases.takeLeftBehind(view);
        if (left.isEmpty()) {
            return false;
        }
        JobID job = JobID.fromHexString(left.get().job());
        URI rest = URI.create(left.get().cluster());
        FlinkCluster cluster;
        try {
            cluster = FlinkCluster.remote(rest.getHost() + ":" + rest.getPort());
        } catch (RuntimeException gone) {
            return false; // its cluster is gone (the embedded cluster of a process that died)
        }
        try (cluster) {
            FlinkJobs jobs = new RestFlinkJobs(cluster);
            if (FlinkJobs.ended(jobs.state(job))) {
                return false;
            }
            try {
                jobs.stopWithSavepoint(
                        job, warehouse.location().savepoints(view.schema(), view.name()));
            } catch (Exception e) {
                // its retained checkpoints stay the restore point
                jobs.cancel(job);
            }
            return true;
        }
    }

    /**
     * Stops the pipeline of {@code view} with a savepoint, from which {@link #resume} goes on, and
     * gives up its lease; returns why it had failed instead, if it had ({@link Pipelines#stop}).
     */
    public String suspend(ObjectName view) throws Exception {
        try {
            return pipelines.stop(view);
        } finally {
            leases.release(view);
        }
    }

    /**
     * Cancels the pipelines of the views whose lease this session lost (it could not renew it in
     * time, or another process took it over) and returns them: another process may run them now.
     */
    Set<ObjectName> cancelLostPipelines() throws Exception {
        Set<ObjectName> lost = leases.lost();
        for (ObjectName view : lost) {
            pipelines.cancel(view);
        }
        return lost;
    }

    /** True if no pipeline of {@code view} runs in this session, nor failed here. */
    boolean idleHere(ObjectName view) {
        return pipelines.job(view).isEmpty() && !pipelines.failed().containsKey(view);
    }

    /** The leases of the warehouse by view: who runs or refreshes each view's pipeline. */
    public Map<ObjectName, Lease> leases() {
        return leases.all();
    }

    /**
     * Stops renewing this session's leases without giving them up, as a process that crashes does:
     * they expire after their timeout. For tests that simulate a crash in one JVM.
     */
    public void abandonLeases() {
        leases.abandon();
    }

    /**
     * Leaves every pipeline of this session running on its session cluster and gives up their
     * leases, each still naming its job: whoever takes a view next stops that job first and goes on
     * from its savepoint ({@link #resumeUnlessHeld}). For a Flink SQL session, whose materialized
     * tables keep running after it closes, as Flink's do.
     */
    public void leaveRunning() {
        if (!warehouse.cluster().isRemote()) {
            throw new IllegalStateException("Pipelines on an embedded cluster end with it.");
        }
        for (ObjectName view : pipelines.detach()) {
            leases.releaseRunning(view);
        }
    }

    /** Gives up every lease of this session; call after its pipelines were suspended. */
    @Override
    public void close() {
        try {
            maintenance.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leases.close();
        }
    }

    /** Runs {@code query} in batch mode over the committed snapshots and the system views. */
    public QueryResult select(ViewQuery query) throws Exception {
        Relations.requireExisting(warehouse.catalog(), query);
        TableEnvironment env = warehouse.batch();
        SystemViews.register(env, query.referencedTables(), this, history, pipelines.states());
        TableResult result = env.executeSql(query.flinkSql());
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            it.forEachRemaining(rows::add);
        }
        return new QueryResult(result.getResolvedSchema().getColumnNames(), rows);
    }

    /** The Iceberg table properties of {@code view}. */
    Map<String, String> properties(ObjectName view) {
        return graph.table(view).properties();
    }

    /** True if no input of the derived view {@code view} changed since its last refresh. */
    boolean upToDate(ObjectName view, ViewDefinition definition) {
        return derived.upToDate(view, definition);
    }

    /**
     * Cancels the view's pipeline, drops its table and deletes its savepoints; with CASCADE first
     * the views that read it, which RESTRICT (the default) refuses to leave without a relation.
     */
    public void drop(ObjectName view, boolean ifExists, boolean cascade) throws Exception {
        ObjectPath path = new ObjectPath(view.schema(), view.name());
        if (!warehouse.catalog().tableExists(path)) {
            if (ifExists) {
                return;
            }
            throw new WarehouseException("Materialized view \"" + view + "\" does not exist.");
        }
        Set<ObjectName> dependents = graph.dependents(List.of(view));
        if (!dependents.isEmpty() && !cascade) {
            throw new WarehouseException(
                    "Cannot drop materialized view "
                            + view
                            + " because other materialized views depend on it: "
                            + dependents
                            + ". Drop them first, or use DROP MATERIALIZED VIEW "
                            + view
                            + " CASCADE.");
        }
        for (ObjectName dependent : dependents) {
            dropOne(dependent);
        }
        dropOne(view);
    }

    private void dropOne(ObjectName view) throws Exception {
        leased(
                view,
                "drop " + view,
                () -> {
                    dropLeased(view);
                    return null;
                });
    }

    private void dropLeased(ObjectName view) throws Exception {
        pipelines.cancel(view);
        warehouse.catalog().dropTable(new ObjectPath(view.schema(), view.name()), true);
        ScanStates.drop(warehouse.catalog().catalog(), view);
        Pipelines.discard(warehouse.location().savepoints(view.schema(), view.name()));
        Pipelines.discard(warehouse.location().checkpoints(view.schema(), view.name()));
    }
}
