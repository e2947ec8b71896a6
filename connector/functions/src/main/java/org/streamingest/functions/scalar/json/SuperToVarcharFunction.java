package org.streamingest.functions.scalar.json;

import org.streamingest.functions.json.SuperKind;
import org.streamingest.functions.json.SuperScalars;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code SUPER_TO_VARCHAR(super_expression SUPER) -> VARCHAR}: a SUPER value cast to VARCHAR, as
 * Redshift's {@code value::varchar}. Not a Redshift function: the SQL front end rewrites casts of
 * SUPER values to it. A string gives its text without quotes, a number its spelling, a boolean
 * {@code true} or {@code false}; JSON null, objects and arrays give NULL (Redshift turns failed
 * SUPER casts into NULL; JSON_SERIALIZE gives their text).
 */
public final class SuperToVarcharFunction extends RedshiftScalarFunction {

    public static final String NAME = "SUPER_TO_VARCHAR";

    private static final long serialVersionUID = 1L;

    public SuperToVarcharFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SuperArgument.strategy(NAME);
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(DataTypes.STRING().bridgedTo(StringData.class));
    }

    public StringData eval(StringData value) {
        if (value == null) {
            return null;
        }
        byte[] json = SuperArgument.bytes(value);
        SuperKind kind = SuperArgument.kind(NAME, json);
        return switch (kind) {
            case STRING -> StringData.fromString(SuperScalars.string(json));
            case BOOLEAN -> value;
            case NULL, OBJECT, ARRAY -> null;
            default -> StringData.fromString(SuperScalars.numberText(json));
        };
    }
}
