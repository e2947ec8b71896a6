package org.streamingest.job.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Redshift type names (as in {@code expr::type}) to Flink SQL types. */
final class FlinkTypes {

    private FlinkTypes() {}

    private static final Pattern TYPE = Pattern.compile("([^(]*?)\\s*(?:\\((.*)\\))?\\s*");

    /**
     * The Flink type for a Redshift type as written ({@code varchar (5)}, {@code double
     * precision}), or null if the type is not supported.
     */
    static String of(String redshiftType) {
        Matcher matcher = TYPE.matcher(redshiftType.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return null;
        }
        String type = matcher.group(1).replaceAll("\\s+", " ").trim();
        String args =
                matcher.group(2) == null
                        ? ""
                        : matcher.group(2).replaceAll("\\s+", "").replace(",", ", ");
        switch (type) {
            case "smallint":
            case "int2":
                return "SMALLINT";
            case "integer":
            case "int":
            case "int4":
                return "INT";
            case "bigint":
            case "int8":
                return "BIGINT";
            case "decimal":
            case "numeric":
                return args.isEmpty() ? "DECIMAL(18, 0)" : "DECIMAL(" + args + ")";
            case "real":
            case "float4":
                return "FLOAT";
            case "double precision":
            case "double":
            case "float8":
            case "float":
                return "DOUBLE";
            case "boolean":
            case "bool":
                return "BOOLEAN";
            case "char":
            case "character":
            case "nchar":
            case "bpchar":
                return "CHAR(" + (args.isEmpty() ? "1" : args) + ")";
            case "varchar":
            case "character varying":
            case "nvarchar":
                return args.isEmpty() ? "STRING" : "VARCHAR(" + args + ")";
            case "text":
                return "STRING";
            case "date":
                return "DATE";
            case "timestamp":
            case "timestamp without time zone":
                return "TIMESTAMP(6)";
            case "timestamptz":
            case "timestamp with time zone":
                return "TIMESTAMP_LTZ(6)";
            case "varbyte":
            case "varbinary":
            case "binary varying":
                return "BYTES";
            default:
                return null;
        }
    }
}
