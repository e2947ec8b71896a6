package org.streamingest.warehouse.catalog;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.procedure.RefreshMaterializedViewProcedure;
import org.streamingest.warehouse.procedure.ViewCall;
import org.streamingest.warehouse.view.Lease;
import org.streamingest.warehouse.view.MaterializedViews;
import org.streamingest.warehouse.view.ViewQuery;

import org.apache.flink.api.common.JobID;
import org.apache.flink.table.catalog.CatalogMaterializedTable;
import org.apache.flink.table.catalog.CatalogMaterializedTable.RefreshMode;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogMaterializedTable;
import org.apache.flink.table.catalog.TableChange;
import org.apache.flink.table.refresh.ContinuousRefreshHandler;
import org.apache.flink.table.refresh.ContinuousRefreshHandlerSerializer;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Flink's materialized tables on the warehouse's views, as a SQL gateway drives them (its {@code
 * MaterializedTableManager}): each step of {@code CREATE}, {@code ALTER ... SUSPEND | RESUME} and
 * {@code DROP MATERIALIZED TABLE} reaches the catalog as a create, alter or drop, and becomes the
 * same view service call as the CLI's statement, on the one view state:
 *
 * <ul>
 *   <li>create: the view, AUTO REFRESH YES, its lease held by the session ({@link
 *       MaterializedViews#createForGateway});
 *   <li>alter to {@code ACTIVATED} with the job the gateway just started (after CREATE or RESUME):
 *       that job is stopped with a savepoint and the view's own pipeline goes on from it ({@link
 *       MaterializedViews#adoptStarted});
 *   <li>alter to {@code SUSPENDED} with the gateway's savepoint: the view is AUTO REFRESH NO, the
 *       savepoint its restore point ({@link MaterializedViews#suspendedByGateway});
 *   <li>drop: the CLI's DROP MATERIALIZED VIEW.
 * </ul>
 *
 * The catalog answers the gateway's reads with the view's current job and restore point ({@code
 * ViewCatalogTables}), so a SUSPEND or DROP always acts on the pipeline that runs now.
 */
final class MaterializedTables {

    private static final Pattern GROUP_BY =
            Pattern.compile("\\bGROUP\\s+BY\\b", Pattern.CASE_INSENSITIVE);

    private MaterializedTables() {}

    static void create(
            WarehouseCatalog catalog, ObjectPath path, ResolvedCatalogMaterializedTable table) {
        ObjectName view = new ObjectName(path.getDatabaseName(), path.getObjectName());
        String statement = "CREATE MATERIALIZED TABLE " + view;
        if (table.getRefreshMode() != RefreshMode.CONTINUOUS) {
            throw new WarehouseException(
                    statement
                            + " would refresh in FULL mode (a FRESHNESS of 30 minutes or more, or"
                            + " REFRESH_MODE = FULL), which Flink runs as batch overwrites that"
                            + " cannot read a Kinesis stream. Use a FRESHNESS below 30 minutes or"
                            + " REFRESH_MODE = CONTINUOUS.");
        }
        if (!table.getPartitionKeys().isEmpty()
                || !table.getOptions().isEmpty()
                || table.getResolvedSchema().getPrimaryKey().isPresent()) {
            throw new WarehouseException(
                    statement
                            + ": PARTITIONED BY, WITH options and PRIMARY KEY are not supported on"
                            + " the warehouse's views; leave them out.");
        }
        String query = table.getDefinitionQuery();
        if (GROUP_BY.matcher(query).find()) {
            throw new WarehouseException(
                    statement
                            + ": a GROUP BY view is not supported through Flink SQL yet; create it"
                            + " with the streaming-ingest CLI (CREATE MATERIALIZED VIEW ... AS"
                            + " SELECT ... GROUP BY ...).");
        }
        try {
            catalog.sessionViews()
                    .views()
                    .createForGateway(
                            view, viewQuery(catalog.getName(), query), table.getFreshness());
        } catch (WarehouseException e) {
            throw e;
        } catch (Exception e) {
            throw new WarehouseException(statement + " failed: " + e.getMessage(), e);
        }
    }

    static void alter(
            WarehouseCatalog catalog,
            ObjectPath path,
            CatalogMaterializedTable table,
            List<TableChange> changes) {
        ObjectName view = new ObjectName(path.getDatabaseName(), path.getObjectName());
        for (TableChange change : changes) {
            if (!(change instanceof TableChange.ModifyRefreshStatus)
                    && !(change instanceof TableChange.ModifyRefreshHandler)) {
                throw new WarehouseException(
                        "ALTER MATERIALIZED TABLE "
                                + view
                                + " can only SUSPEND or RESUME a view of the warehouse: a new query"
                                + " is given with the streaming-ingest CLI (ALTER MATERIALIZED"
                                + " VIEW), a REFRESH with CALL "
                                + catalog.getName()
                                + ".sys."
                                + RefreshMaterializedViewProcedure.NAME
                                + "('"
                                + view
                                + "').");
            }
        }
        try {
            MaterializedViews views = catalog.sessionViews().views();
            switch (table.getRefreshStatus()) {
                case ACTIVATED -> {
                    String job = handler(table).getJobId();
                    Lease lease = views.leases().get(view);
                    if (!job.isEmpty() && (lease == null || !job.equals(lease.job()))) {
                        views.adoptStarted(view, JobID.fromHexString(job));
                    }
                }
                case SUSPENDED ->
                        views.suspendedByGateway(
                                view, handler(table).getRestorePath().orElse(null));
                default -> {
                    // INITIALIZING: nothing runs yet
                }
            }
        } catch (WarehouseException e) {
            throw e;
        } catch (Exception e) {
            throw new WarehouseException(
                    "ALTER MATERIALIZED TABLE " + view + " failed: " + e.getMessage(), e);
        }
    }

    static void drop(WarehouseCatalog catalog, ObjectPath path) {
        ObjectName view = new ObjectName(path.getDatabaseName(), path.getObjectName());
        try (ViewCall call = catalog.viewCallForSession()) {
            call.views().drop(view, false, false);
        } catch (WarehouseException e) {
            throw e;
        } catch (Exception e) {
            throw new WarehouseException(
                    "DROP MATERIALIZED TABLE " + view + " failed: " + e.getMessage(), e);
        }
    }

    private static ContinuousRefreshHandler handler(CatalogMaterializedTable table)
            throws Exception {
        return ContinuousRefreshHandlerSerializer.INSTANCE.deserialize(
                table.getSerializedRefreshHandler(), MaterializedTables.class.getClassLoader());
    }

    /** The view's query from Flink's expanded definition query ({@link ViewQuery#inCatalog}). */
    static ViewQuery viewQuery(String catalog, String expanded) {
        return ViewQuery.inCatalog(catalog, expanded);
    }
}
