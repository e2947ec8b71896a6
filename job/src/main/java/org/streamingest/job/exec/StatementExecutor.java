package org.streamingest.job.exec;

import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.job.sql.SourcePosition;
import org.streamingest.job.sql.Statement;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ExternalSchema;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.view.AutoRefresher;
import org.streamingest.warehouse.view.Lease;
import org.streamingest.warehouse.view.MaterializedViews;
import org.streamingest.warehouse.view.Pipelines;
import org.streamingest.warehouse.view.SystemViews;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Executes parsed Redshift statements against a warehouse session. It resumes the pipelines of AUTO
 * REFRESH YES views from their savepoints and starts the {@link AutoRefresher} of AUTO REFRESH YES
 * derived views when it opens, or, if opened with {@code resumeNow} false, at the first statement
 * that needs them ({@link #needsPipelines}): a SELECT of views and tables reads their committed
 * snapshots and does not wait for pipelines. {@link #close()} on the embedded cluster suspends
 * every running pipeline with a savepoint kept in the warehouse, so the next session resumes them
 * without losing or repeating rows; on a session cluster it leaves them running there, as a Flink
 * SQL gateway session does, and the next session that takes a view over goes on from a savepoint of
 * that job ({@link MaterializedViews#leaveRunning}). Statements may come from any thread; they run
 * one at a time.
 */
public final class StatementExecutor implements AutoCloseable {

    private final Warehouse warehouse;
    private final Pipelines pipelines;
    private final MaterializedViews views;
    private final Consumer<String> progress;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile AutoRefresher autoRefresher; // null until the pipelines were resumed

    /**
     * An executor on {@code warehouse} that resumes the AUTO REFRESH pipelines now; {@code
     * progress} receives lines about long work.
     */
    public StatementExecutor(Warehouse warehouse, Consumer<String> progress) throws Exception {
        this(warehouse, progress, true);
    }

    /**
     * An executor on {@code warehouse}; {@code progress} receives lines about long work. With
     * {@code resumeNow} false, the AUTO REFRESH pipelines resume (and auto refresh starts) before
     * the first statement that {@link #needsPipelines needs them}, or on {@link #resumePipelines}.
     */
    public StatementExecutor(Warehouse warehouse, Consumer<String> progress, boolean resumeNow)
            throws Exception {
        this.warehouse = warehouse;
        this.pipelines = new Pipelines(warehouse);
        this.views = new MaterializedViews(warehouse, pipelines, warehouse.config().leaseTimeout());
        this.progress = progress;
        if (resumeNow) {
            resumePipelines();
        }
    }

    /**
     * Resumes the pipelines of AUTO REFRESH YES views that no other process runs and starts auto
     * refresh, unless that was done already.
     */
    public void resumePipelines() throws Exception {
        lock.lock();
        try {
            if (autoRefresher != null) {
                return;
            }
            for (ObjectName view : views.autoRefreshPipelines()) {
                try {
                    Optional<Lease> holder = views.resumeUnlessHeld(view);
                    progress.accept(
                            holder.isEmpty()
                                    ? "resuming the pipeline of " + view
                                    : "the pipeline of "
                                            + view
                                            + " runs in another process, "
                                            + holder.get().describe()
                                            + "; this session does not run it");
                } catch (Exception e) { // the other views still resume; this one says why not
                    progress.accept(
                            "The pipeline of " + view + " cannot resume: " + e.getMessage());
                }
            }
            this.autoRefresher = new AutoRefresher(views, lock, progress);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether {@code statement} needs the session's pipelines: every statement but a SELECT that
     * reads only views and tables (their committed snapshots) and SET. A SELECT of a system view
     * needs them, as {@code stv_mv_info} shows the pipelines' states.
     */
    static boolean needsPipelines(Statement statement) {
        if (statement instanceof Statement.SetOption) {
            return false;
        }
        if (statement instanceof Statement.Query query) {
            return query.view().referencedTables().stream().anyMatch(SystemViews::isSystemView);
        }
        return true;
    }

    /** Executes one statement. User errors are {@link RedshiftSqlException}s. */
    public StatementResult execute(Statement statement) throws Exception {
        lock.lock();
        try {
            return executeLocked(statement);
        } catch (WarehouseException e) {
            throw new RedshiftSqlException(statement.position(), e);
        } finally {
            lock.unlock();
        }
    }

    private StatementResult executeLocked(Statement statement) throws Exception {
        if (autoRefresher == null && needsPipelines(statement)) {
            resumePipelines();
        }
        if (statement instanceof Statement.Query query) {
            return StatementResult.rows(views.select(query.view()));
        }
        if (statement instanceof Statement.CreateExternalSchema create) {
            requireNotSystemSchema(create.position(), create.schema());
            warehouse
                    .catalog()
                    .createExternalSchema(
                            new ExternalSchema(create.schema(), create.region(), create.iamRole()),
                            create.ifNotExists());
            return StatementResult.message("CREATE EXTERNAL SCHEMA");
        }
        if (statement instanceof Statement.DropSchema drop) {
            return StatementResult.message(dropSchema(drop));
        }
        if (statement instanceof Statement.CreateMaterializedView create) {
            views.create(create.name(), create.autoRefresh(), create.query().view());
            return StatementResult.message("CREATE MATERIALIZED VIEW");
        }
        if (statement instanceof Statement.RefreshMaterializedView refresh) {
            return StatementResult.refreshed(
                    refresh.name().toString(),
                    views.refresh(refresh.name(), refresh.cascade(), progress));
        }
        if (statement instanceof Statement.AlterMaterializedViewAutoRefresh alter) {
            views.alterAutoRefresh(alter.name(), alter.autoRefresh());
            return StatementResult.message("ALTER MATERIALIZED VIEW");
        }
        if (statement instanceof Statement.AlterMaterializedViewQuery alter) {
            views.alterQuery(alter.name(), alter.query().view());
            return StatementResult.message("ALTER MATERIALIZED VIEW");
        }
        if (statement instanceof Statement.DropMaterializedView drop) {
            views.drop(drop.name(), drop.ifExists(), drop.cascade());
            return StatementResult.message("DROP MATERIALIZED VIEW");
        }
        if (statement instanceof Statement.SetOption) {
            return StatementResult.message("SET"); // applied by the parser (identifier case)
        }
        throw new RedshiftSqlException(
                statement.position(), "Unsupported statement: " + statement.getClass().getName());
    }

    private static void requireNotSystemSchema(SourcePosition position, String schema) {
        if (schema.equals(SystemViews.PG_CATALOG)) {
            throw new RedshiftSqlException(
                    position,
                    "Schema pg_catalog is the system schema (its views and the refresh history):"
                            + " it cannot be created or dropped. Choose another name.");
        }
    }

    private String dropSchema(Statement.DropSchema drop) throws Exception {
        requireNotSystemSchema(drop.position(), drop.schema());
        boolean exists = warehouse.catalog().databaseExists(drop.schema());
        if (!exists) {
            if (drop.ifExists()) {
                return "DROP SCHEMA";
            }
            throw new RedshiftSqlException(
                    drop.position(), "Schema \"" + drop.schema() + "\" does not exist.");
        }
        List<ObjectName> dependents = views.viewsReading(drop.schema());
        if (!dependents.isEmpty() && !drop.cascade()) {
            throw new RedshiftSqlException(
                    drop.position(),
                    "Cannot drop schema \""
                            + drop.schema()
                            + "\": materialized views "
                            + dependents
                            + " depend on it. Drop them first, or use DROP SCHEMA "
                            + drop.schema()
                            + " CASCADE.");
        }
        for (ObjectName view : dependents) {
            views.drop(view, true, true);
        }
        warehouse.catalog().dropDatabase(drop.schema(), drop.ifExists(), drop.cascade());
        return "DROP SCHEMA";
    }

    /** The number of materialized views in the warehouse. */
    public int viewCount() throws Exception {
        return views.all().size();
    }

    /** The views whose pipelines run in this session (AUTO REFRESH YES views). */
    public List<ObjectName> runningPipelines() {
        lock.lock();
        try {
            List<ObjectName> running = new ArrayList<>();
            pipelines.views().forEach(running::add);
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** The views whose pipeline failed in this session and was not started again. */
    public List<ObjectName> failedPipelines() {
        lock.lock();
        try {
            return List.copyOf(pipelines.failed().keySet());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the session's background work (auto refresh, lease renewal) without suspending its
     * pipelines or giving up its leases, as a crash would: for tests that simulate one in a JVM.
     */
    void abandon() throws InterruptedException {
        if (autoRefresher != null) {
            autoRefresher.close();
        }
        views.abandonLeases();
    }

    /**
     * Ends the session's pipelines: on a session cluster they keep running there; on the embedded
     * cluster, which ends with this process, each is suspended with a savepoint in the warehouse.
     */
    @Override
    public void close() throws Exception {
        AutoRefresher started = autoRefresher;
        if (started != null) {
            started.close();
        }
        lock.lock();
        try {
            if (warehouse.cluster().isRemote()) {
                leaveAllRunning();
            } else {
                suspendAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Leaves every running pipeline on the session cluster and gives up its lease, which still
     * names its job: the next session to take the view stops that job with a savepoint and goes on
     * from there, nothing lost or read twice.
     */
    private void leaveAllRunning() throws Exception {
        for (ObjectName view : pipelines.views()) {
            progress.accept(
                    "leaving the pipeline of "
                            + view
                            + " running on the session cluster (job "
                            + pipelines.job(view).orElseThrow()
                            + ")");
        }
        views.leaveRunning();
        pipelines.close(); // none is left to cancel
        views.close();
    }

    /** Suspends each running pipeline, each even if another cannot be; then cancels the rest. */
    private void suspendAll() throws Exception {
        Exception first = null;
        for (ObjectName view : pipelines.views()) {
            progress.accept("suspending the pipeline of " + view + " with a savepoint");
            try {
                String failure = views.suspend(view);
                if (failure != null) {
                    progress.accept(
                            failure + " The next session resumes it from its last checkpoint.");
                }
            } catch (Exception e) {
                progress.accept(
                        "The pipeline of "
                                + view
                                + " could not be suspended ("
                                + e.getMessage()
                                + "); it was cancelled, and the next session resumes it from its"
                                + " last checkpoint.");
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        pipelines.close();
        views.close();
        if (first != null) {
            throw first;
        }
    }
}
