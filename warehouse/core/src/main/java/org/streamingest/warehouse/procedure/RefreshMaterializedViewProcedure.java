package org.streamingest.warehouse.procedure;

import org.streamingest.warehouse.catalog.ObjectName;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.table.procedures.Procedure;
import org.apache.flink.types.Row;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CALL w.sys.refresh_materialized_view('public.my_view' [, cascade])}: Redshift's {@code
 * REFRESH MATERIALIZED VIEW}, in any Flink session, through the same view service as the CLI. It
 * returns once every record that was in the stream when it began is committed, and answers the rows
 * it added. A view whose pipeline another process runs is refused with that process's name. Flink's
 * own {@code ALTER MATERIALIZED TABLE ... REFRESH} runs a batch overwrite, which cannot read a
 * stream; this is the refresh of a view on a stream.
 */
public final class RefreshMaterializedViewProcedure implements Procedure {

    public static final String NAME = "refresh_materialized_view";
    private static final Logger LOG =
            LoggerFactory.getLogger(RefreshMaterializedViewProcedure.class);

    private final ViewCall.Opener calls;

    public RefreshMaterializedViewProcedure(ViewCall.Opener calls) {
        this.calls = calls;
    }

    @ProcedureHint(
            argument = {@ArgumentHint(name = "view", type = @DataTypeHint("STRING"))},
            output = @DataTypeHint("ROW<materialized_view STRING, rows_added BIGINT>"))
    public Row[] call(ProcedureContext context, String view) throws Exception {
        return call(context, view, false);
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "view", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "cascade", type = @DataTypeHint("BOOLEAN"))
            },
            output = @DataTypeHint("ROW<materialized_view STRING, rows_added BIGINT>"))
    public Row[] call(ProcedureContext context, String view, Boolean cascade) throws Exception {
        ObjectName name = ViewNames.parse(view);
        try (ViewCall call = calls.open(context.getExecutionEnvironment().getConfiguration())) {
            long added =
                    call.views()
                            .refresh(name, Boolean.TRUE.equals(cascade), line -> LOG.info(line));
            return new Row[] {Row.of(name.toString(), added)};
        }
    }
}
