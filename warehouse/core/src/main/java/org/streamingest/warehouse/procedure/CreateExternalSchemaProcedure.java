package org.streamingest.warehouse.procedure;

import org.streamingest.warehouse.catalog.ExternalSchema;
import org.streamingest.warehouse.catalog.WarehouseCatalog;
import org.streamingest.warehouse.catalog.WarehouseConfig;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.table.procedures.Procedure;

import java.util.Locale;

/**
 * {@code CALL w.sys.create_external_schema('kds', 'default' [, 'us-west-2'])}: Redshift's {@code
 * CREATE EXTERNAL SCHEMA kds FROM KINESIS [REGION 'r'] IAM_ROLE default|'arn:...'}; the schema's
 * tables are then the streams of that account and region.
 */
public final class CreateExternalSchemaProcedure implements Procedure {

    public static final String NAME = "create_external_schema";

    private final String catalogName;
    private final WarehouseConfig config;

    public CreateExternalSchemaProcedure(String catalogName, WarehouseConfig config) {
        this.catalogName = catalogName;
        this.config = config;
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "schema", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "iam_role", type = @DataTypeHint("STRING"))
            },
            output = @DataTypeHint("STRING"))
    public String[] call(ProcedureContext context, String schema, String iamRole) {
        return call(context, schema, iamRole, null);
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "schema", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "iam_role", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "region", type = @DataTypeHint("STRING"))
            },
            output = @DataTypeHint("STRING"))
    public String[] call(ProcedureContext context, String schema, String iamRole, String region) {
        return call(context, schema, iamRole, region, false);
    }

    /** {@code CREATE EXTERNAL SCHEMA IF NOT EXISTS ...} with {@code if_not_exists} true. */
    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "schema", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "iam_role", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "region", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "if_not_exists", type = @DataTypeHint("BOOLEAN"))
            },
            output = @DataTypeHint("STRING"))
    public String[] call(
            ProcedureContext context,
            String schema,
            String iamRole,
            String region,
            Boolean ifNotExists) {
        String name = schema.trim().toLowerCase(Locale.ROOT);
        WarehouseCatalog catalog = new WarehouseCatalog(catalogName, config);
        catalog.open();
        try {
            catalog.createExternalSchema(
                    new ExternalSchema(name, region, iamRole), Boolean.TRUE.equals(ifNotExists));
        } finally {
            catalog.close();
        }
        return new String[] {"CREATE EXTERNAL SCHEMA " + name};
    }
}
