package org.streamingest.warehouse.procedure;

import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.maintenance.OrphanFiles;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.table.procedures.Procedure;
import org.apache.flink.types.Row;

import java.time.LocalDateTime;

import static org.streamingest.warehouse.procedure.MaintenanceCall.utc;

/**
 * {@code CALL w.sys.remove_orphan_files('public.my_view' [, older_than])}, with Iceberg's Spark
 * procedure's argument names: deletes the files below the view's table location that no snapshot or
 * metadata file refers to and that were last modified before {@code older_than} (default: now minus
 * {@code maintenance.orphan-file-age}; at least an hour ago).
 */
public final class RemoveOrphanFilesProcedure implements Procedure {

    public static final String NAME = "remove_orphan_files";

    static final String OUTPUT = "ROW<deleted_files BIGINT, kept_files BIGINT>";

    private final String catalogName;
    private final WarehouseConfig config;

    public RemoveOrphanFilesProcedure(String catalogName, WarehouseConfig config) {
        this.catalogName = catalogName;
        this.config = config;
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "table", type = @DataTypeHint("STRING")),
                @ArgumentHint(
                        name = "older_than",
                        type = @DataTypeHint("TIMESTAMP(3)"),
                        isOptional = true)
            },
            output = @DataTypeHint(OUTPUT))
    public Row[] call(ProcedureContext context, String table, LocalDateTime olderThan) {
        ObjectName name = ViewNames.parse(table);
        OrphanFiles.Result result =
                MaintenanceCall.run(
                        catalogName,
                        config,
                        maintenance -> maintenance.removeOrphanFiles(name, utc(olderThan)));
        return new Row[] {Row.of(result.deletedFiles(), result.keptFiles())};
    }
}
