package org.streamingest.warehouse.procedure;

import org.streamingest.warehouse.catalog.ObjectName;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.table.procedures.Procedure;

/**
 * {@code CALL w.sys.alter_auto_refresh('public.my_view', true|false)}: Redshift's {@code ALTER
 * MATERIALIZED VIEW v AUTO REFRESH YES|NO}, through the same view service as the CLI. A pipeline
 * that runs is suspended with a savepoint first; with {@code true} the view's pipeline is run by
 * whichever serving process holds the view (the CLI's {@code serve}), not by the calling session.
 */
public final class AlterAutoRefreshProcedure implements Procedure {

    public static final String NAME = "alter_auto_refresh";

    private final ViewCall.Opener calls;

    public AlterAutoRefreshProcedure(ViewCall.Opener calls) {
        this.calls = calls;
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "view", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "enabled", type = @DataTypeHint("BOOLEAN"))
            },
            output = @DataTypeHint("STRING"))
    public String[] call(ProcedureContext context, String view, Boolean enabled) throws Exception {
        ObjectName name = ViewNames.parse(view);
        boolean auto = Boolean.TRUE.equals(enabled);
        try (ViewCall call = calls.open(context.getExecutionEnvironment().getConfiguration())) {
            call.views().alterAutoRefresh(name, auto);
        }
        return new String[] {
            "ALTER MATERIALIZED VIEW " + name + " AUTO REFRESH " + (auto ? "YES" : "NO")
        };
    }
}
