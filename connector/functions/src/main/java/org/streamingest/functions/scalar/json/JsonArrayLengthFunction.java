package org.streamingest.functions.scalar.json;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

/** {@code JSON_ARRAY_LENGTH(json_array [, null_if_invalid]) -> INTEGER}: elements of the array. */
public final class JsonArrayLengthFunction extends JsonTextFunction {

    public static final String NAME = "JSON_ARRAY_LENGTH";

    private static final long serialVersionUID = 1L;

    public JsonArrayLengthFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        Arg json = Arg.varchar("json_array");
        return SignatureStrategy.of(
                NAME, Overload.of(json), Overload.of(json, Arg.bool("null_if_invalid")));
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(DataTypes.INT());
    }

    public Integer eval(StringData json) {
        return eval(json, null);
    }

    public Integer eval(StringData json, Boolean nullIfInvalid) {
        if (json == null) {
            return null;
        }
        return read(json, nullIfInvalid, (reader, bytes) -> reader.arrayLength(bytes));
    }

    @Override
    String invalidWhat() {
        return "invalid JSON array";
    }
}
