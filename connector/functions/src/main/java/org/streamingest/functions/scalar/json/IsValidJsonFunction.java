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

import com.fasterxml.jackson.core.JsonToken;

/**
 * {@code IS_VALID_JSON(json_string) -> BOOLEAN}: whether the string is a well-formed JSON object
 * (Redshift answers false for a top-level array); {@code IS_VALID_JSON_ARRAY(json_array)}: whether
 * it is a well-formed JSON array. NULL gives NULL.
 */
public final class IsValidJsonFunction extends RedshiftScalarFunction {

    public static final String NAME = "IS_VALID_JSON";
    public static final String ARRAY_NAME = "IS_VALID_JSON_ARRAY";

    private static final long serialVersionUID = 1L;

    private final boolean array;
    private transient JsonCanonicalizer canonicalizer;

    private IsValidJsonFunction(String name, boolean array) {
        super(name);
        this.array = array;
    }

    /** IS_VALID_JSON. */
    public static IsValidJsonFunction object() {
        return new IsValidJsonFunction(NAME, false);
    }

    /** IS_VALID_JSON_ARRAY. */
    public static IsValidJsonFunction array() {
        return new IsValidJsonFunction(ARRAY_NAME, true);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SignatureStrategy.of(
                name(), Overload.of(Arg.varchar(array ? "json_array" : "json_string")));
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(DataTypes.BOOLEAN());
    }

    public Boolean eval(StringData json) {
        if (json == null) {
            return null;
        }
        if (canonicalizer == null) {
            canonicalizer = JsonCanonicalizer.lenient();
        }
        byte[] bytes = json.toBytes();
        JsonToken root = canonicalizer.validRoot(bytes, 0, bytes.length);
        return root == (array ? JsonToken.START_ARRAY : JsonToken.START_OBJECT);
    }
}
