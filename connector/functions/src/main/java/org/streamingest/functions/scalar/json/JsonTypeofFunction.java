package org.streamingest.functions.scalar.json;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code JSON_TYPEOF(super_expression) -> VARCHAR}: boolean, number, string, object, array or null.
 * A NULL SUPER value is JSON null, as for JSON_SERIALIZE.
 */
public final class JsonTypeofFunction extends RedshiftScalarFunction {

    public static final String NAME = "JSON_TYPEOF";

    private static final long serialVersionUID = 1L;

    private static final StringData NULL_TYPE = StringData.fromString("null");

    public JsonTypeofFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SuperArgument.strategy(NAME);
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(Arg.STRING.notNull());
    }

    public StringData eval(StringData value) {
        if (value == null) {
            return NULL_TYPE;
        }
        return StringData.fromString(
                SuperArgument.kind(NAME, SuperArgument.bytes(value)).typeName());
    }
}
