package org.streamingest.functions.scalar.json;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.json.InvalidJsonException;
import org.streamingest.functions.json.JsonCanonicalizer;
import org.streamingest.functions.json.NotJsonException;
import org.streamingest.functions.json.SuperValues;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code JSON_PARSE(json_string | binary_value) -> SUPER}: parses UTF-8 JSON from a string or from
 * raw bytes (a Kinesis payload) into a SUPER value. Input that is not JSON is an error that says
 * what is wrong, where, and how the record starts; NULL gives NULL.
 */
public final class JsonParseFunction extends RedshiftScalarFunction {

    public static final String NAME = "JSON_PARSE";

    private static final long serialVersionUID = 1L;

    private transient JsonCanonicalizer canonicalizer;

    public JsonParseFunction() {
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
        return TypeStrategies.explicit(SuperValues.DATA_TYPE);
    }

    public StringData eval(StringData json) {
        return json == null ? null : parse(json.toBytes());
    }

    public StringData eval(byte[] json) {
        return json == null ? null : parse(json);
    }

    private StringData parse(byte[] json) {
        if (canonicalizer == null) {
            canonicalizer = JsonCanonicalizer.strict();
        }
        try {
            return SuperValues.encode(canonicalizer.canonicalize(json, 0, json.length));
        } catch (InvalidJsonException e) {
            throw new NotJsonException(
                    name()
                            + ": "
                            + JsonErrors.notJson("the input is not valid JSON", e, json)
                            + " Skip such records with WHERE CAN_JSON_PARSE(...).");
        }
    }
}
