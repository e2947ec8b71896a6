package org.streamingest.functions.scalar.json;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;

import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code JSON_EXTRACT_ARRAY_ELEMENT_TEXT(json_string, pos [, null_if_invalid]) -> VARCHAR}: the
 * element at zero-based {@code pos} of the outermost array; NULL if {@code pos} is negative or out
 * of bounds.
 */
public final class JsonExtractArrayElementTextFunction extends JsonTextFunction {

    public static final String NAME = "JSON_EXTRACT_ARRAY_ELEMENT_TEXT";

    private static final long serialVersionUID = 1L;

    public JsonExtractArrayElementTextFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        Arg json = Arg.varchar("json_string");
        Arg pos = Arg.integer("pos");
        return SignatureStrategy.of(
                NAME, Overload.of(json, pos), Overload.of(json, pos, Arg.bool("null_if_invalid")));
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(Arg.STRING);
    }

    public StringData eval(StringData json, Integer pos) {
        return eval(json, pos, null);
    }

    public StringData eval(StringData json, Integer pos, Boolean nullIfInvalid) {
        if (json == null || pos == null) {
            return null;
        }
        return read(json, nullIfInvalid, (reader, bytes) -> reader.arrayElement(bytes, pos));
    }

    @Override
    String invalidWhat() {
        return "invalid JSON array";
    }
}
