package org.streamingest.warehouse.procedure;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.view.ViewQuery;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.table.procedures.Procedure;

import java.util.List;

/**
 * {@code CALL w.sys.create_materialized_view('public.my_view', 'SELECT ... FROM
 * `w`.`kds`.`my_stream`', false)}: Redshift's {@code CREATE MATERIALIZED VIEW v [AUTO REFRESH
 * YES|NO] AS SELECT ...}, through the same view service as the CLI, with the query in Flink SQL and
 * every relation named with this catalog ({@code `w`.`schema`.`name`}, as the Redshift endpoint of
 * the SQL gateway writes it). AUTO REFRESH YES starts the view's pipeline, on the session's
 * cluster; a view over views and tables holds its query's result at once. Optional: the query as
 * the user wrote it (kept as the view's definition) and the GROUP BY columns of an aggregating view
 * (the keys of its upserts).
 */
public final class CreateMaterializedViewProcedure implements Procedure {

    public static final String NAME = "create_materialized_view";

    private final String catalogName;
    private final ViewCall.Opener calls;

    public CreateMaterializedViewProcedure(String catalogName, ViewCall.Opener calls) {
        this.catalogName = catalogName;
        this.calls = calls;
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "view", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "query", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "auto_refresh", type = @DataTypeHint("BOOLEAN"))
            },
            output = @DataTypeHint("STRING"))
    public String[] call(ProcedureContext context, String view, String query, Boolean autoRefresh)
            throws Exception {
        return call(context, view, query, autoRefresh, null, null);
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "view", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "query", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "auto_refresh", type = @DataTypeHint("BOOLEAN")),
                @ArgumentHint(name = "definition", type = @DataTypeHint("STRING"))
            },
            output = @DataTypeHint("STRING"))
    public String[] call(
            ProcedureContext context,
            String view,
            String query,
            Boolean autoRefresh,
            String definition)
            throws Exception {
        return call(context, view, query, autoRefresh, definition, null);
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "view", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "query", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "auto_refresh", type = @DataTypeHint("BOOLEAN")),
                @ArgumentHint(name = "definition", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "group_by", type = @DataTypeHint("ARRAY<STRING>"))
            },
            output = @DataTypeHint("STRING"))
    public String[] call(
            ProcedureContext context,
            String view,
            String query,
            Boolean autoRefresh,
            String definition,
            String[] groupBy)
            throws Exception {
        ObjectName name = ViewNames.parse(view);
        boolean auto = Boolean.TRUE.equals(autoRefresh);
        ViewQuery viewQuery = viewQuery(query, definition, groupBy);
        try (ViewCall call = calls.open(context.getExecutionEnvironment().getConfiguration())) {
            call.views().create(name, auto, viewQuery);
        }
        return new String[] {"CREATE MATERIALIZED VIEW " + name};
    }

    /** The view's query from the procedure's arguments. */
    ViewQuery viewQuery(String query, String definition, String[] groupBy) {
        if (query == null || query.isBlank()) {
            throw new WarehouseException(
                    "Give the materialized view's query, such as 'SELECT * FROM `"
                            + catalogName
                            + "`.`kds`.`my_stream`'.");
        }
        ViewQuery inCatalog = ViewQuery.inCatalog(catalogName, query);
        if (inCatalog.referencedTables().isEmpty()) {
            throw new WarehouseException(
                    "The query of a materialized view reads streams, views or tables of the"
                            + " warehouse: name each with the catalog, such as `"
                            + catalogName
                            + "`.`kds`.`my_stream` (found none in: "
                            + query
                            + ").");
        }
        return new ViewQuery(
                definition == null || definition.isBlank() ? query : definition,
                inCatalog.flinkSql(),
                inCatalog.referencedTables(),
                groupBy == null ? List.of() : List.of(groupBy));
    }
}
