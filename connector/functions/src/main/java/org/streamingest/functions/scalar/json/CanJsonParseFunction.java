package org.streamingest.functions.scalar.json;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.json.JsonCanonicalizer;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code CAN_JSON_PARSE(json_string | binary_value) -> BOOLEAN}: whether JSON_PARSE would accept
 * the input. False for an empty string, NULL for NULL.
 */
public final class CanJsonParseFunction extends RedshiftScalarFunction {

    public static final String NAME = "CAN_JSON_PARSE";

    private static final long serialVersionUID = 1L;

    private transient JsonCanonicalizer canonicalizer;

    public CanJsonParseFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SignatureStrategy.of(
                NAME,
                Overload.of(Arg.varchar("json_string")),
                Overload.of(Arg.varbyte("binary_value")));
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(DataTypes.BOOLEAN());
    }

    public Boolean eval(StringData json) {
        return json == null ? null : check(json.toBytes());
    }

    public Boolean eval(byte[] json) {
        return json == null ? null : check(json);
    }

    private boolean check(byte[] json) {
        if (canonicalizer == null) {
            canonicalizer = JsonCanonicalizer.strict();
        }
        return canonicalizer.isValid(json, 0, json.length);
    }
}
