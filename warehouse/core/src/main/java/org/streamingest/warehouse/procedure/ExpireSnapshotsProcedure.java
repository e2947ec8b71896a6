package org.streamingest.warehouse.procedure;

import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.maintenance.SnapshotExpiry;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.table.procedures.Procedure;
import org.apache.flink.types.Row;

import java.time.LocalDateTime;

import static org.streamingest.warehouse.procedure.MaintenanceCall.utc;

/**
 * {@code CALL w.sys.expire_snapshots('public.my_view' [, older_than [, retain_last]])}, with
 * Iceberg's Spark procedure's argument names: expires the snapshots of the view's table older than
 * {@code older_than} (default: now minus {@code maintenance.snapshot-retention}) except the newest
 * {@code retain_last} (default: {@code maintenance.retain-last}), and deletes the files only they
 * referenced.
 */
public final class ExpireSnapshotsProcedure implements Procedure {

    public static final String NAME = "expire_snapshots";

    static final String OUTPUT =
            "ROW<deleted_snapshots BIGINT, retained_snapshots BIGINT, deleted_data_files BIGINT,"
                    + " deleted_manifest_files BIGINT, deleted_manifest_lists BIGINT>";

    private final String catalogName;
    private final WarehouseConfig config;

    public ExpireSnapshotsProcedure(String catalogName, WarehouseConfig config) {
        this.catalogName = catalogName;
        this.config = config;
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "table", type = @DataTypeHint("STRING")),
                @ArgumentHint(
                        name = "older_than",
                        type = @DataTypeHint("TIMESTAMP(3)"),
                        isOptional = true),
                @ArgumentHint(name = "retain_last", type = @DataTypeHint("INT"), isOptional = true)
            },
            output = @DataTypeHint(OUTPUT))
    public Row[] call(
            ProcedureContext context, String table, LocalDateTime olderThan, Integer retainLast) {
        ObjectName name = ViewNames.parse(table);
        SnapshotExpiry.Result result =
                MaintenanceCall.run(
                        catalogName,
                        config,
                        maintenance ->
                                maintenance.expireSnapshots(name, utc(olderThan), retainLast));
        return new Row[] {
            Row.of(
                    result.deletedSnapshots(),
                    result.retainedSnapshots(),
                    result.deletedDataFiles(),
                    result.deletedManifestFiles(),
                    result.deletedManifestLists())
        };
    }
}
