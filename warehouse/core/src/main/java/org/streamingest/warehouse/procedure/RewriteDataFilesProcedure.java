package org.streamingest.warehouse.procedure;

import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.maintenance.DataFileRewrite;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.table.procedures.Procedure;
import org.apache.flink.types.Row;

/**
 * {@code CALL w.sys.rewrite_data_files('public.my_view' [, target_file_size])}: packs the small
 * data files of the view's table into files of about {@code target_file_size} bytes (default:
 * {@code maintenance.target-file-size}) with a Flink job on the session's cluster, folds the
 * deletes of an upserting view in, and commits beside the view's pipeline without conflicting with
 * it.
 */
public final class RewriteDataFilesProcedure implements Procedure {

    public static final String NAME = "rewrite_data_files";

    static final String OUTPUT =
            "ROW<rewritten_data_files BIGINT, added_data_files BIGINT, rewritten_bytes BIGINT,"
                    + " removed_delete_files BIGINT>";

    private final String catalogName;
    private final WarehouseConfig config;

    public RewriteDataFilesProcedure(String catalogName, WarehouseConfig config) {
        this.catalogName = catalogName;
        this.config = config;
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "table", type = @DataTypeHint("STRING")),
                @ArgumentHint(
                        name = "target_file_size",
                        type = @DataTypeHint("BIGINT"),
                        isOptional = true)
            },
            output = @DataTypeHint(OUTPUT))
    public Row[] call(ProcedureContext context, String table, Long targetFileSize) {
        ObjectName name = ViewNames.parse(table);
        DataFileRewrite.Result result =
                MaintenanceCall.run(
                        catalogName,
                        config,
                        maintenance ->
                                maintenance.rewriteDataFiles(
                                        name, context.getExecutionEnvironment(), targetFileSize));
        return new Row[] {
            Row.of(
                    result.rewrittenDataFiles(),
                    result.addedDataFiles(),
                    result.rewrittenBytes(),
                    result.removedDeleteFiles())
        };
    }
}
