package org.streamingest.functions.scalar.json;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.json.InvalidJsonException;
import org.streamingest.functions.json.JsonCanonicalizer;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

import java.nio.charset.StandardCharsets;

/**
 * {@code JSON_SERIALIZE(super_expression) -> VARCHAR} and {@code JSON_SERIALIZE_TO_VARBYTE(...) ->
 * VARBYTE}: the RFC 8259 text of a SUPER value. A NULL value serializes to {@code null}.
 */
public final class JsonSerializeFunction extends RedshiftScalarFunction {

    public static final String NAME = "JSON_SERIALIZE";
    public static final String TO_VARBYTE_NAME = "JSON_SERIALIZE_TO_VARBYTE";

    private static final long serialVersionUID = 1L;

    private static final byte[] NULL_JSON = "null".getBytes(StandardCharsets.US_ASCII);

    private final boolean toVarbyte;
    private transient JsonCanonicalizer canonicalizer;

    private JsonSerializeFunction(String name, boolean toVarbyte) {
        super(name);
        this.toVarbyte = toVarbyte;
    }

    /** JSON_SERIALIZE. */
    public static JsonSerializeFunction toVarchar() {
        return new JsonSerializeFunction(NAME, false);
    }

    /** JSON_SERIALIZE_TO_VARBYTE. */
    public static JsonSerializeFunction toVarbyte() {
        return new JsonSerializeFunction(TO_VARBYTE_NAME, true);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SuperArgument.strategy(name());
    }

    @Override
    protected TypeStrategy outputType() {
        DataType result = toVarbyte ? DataTypes.BYTES() : Arg.STRING;
        return TypeStrategies.explicit(result.notNull());
    }

    /** The serialized text: a {@code StringData} for JSON_SERIALIZE, a {@code byte[]} otherwise. */
    public Object eval(StringData value) {
        byte[] json = value == null ? NULL_JSON : serialize(SuperArgument.bytes(value));
        return toVarbyte ? json : StringData.fromBytes(json);
    }

    private byte[] serialize(byte[] json) {
        if (canonicalizer == null) {
            canonicalizer = JsonCanonicalizer.strict();
        }
        try {
            return canonicalizer.canonicalize(json, 0, json.length);
        } catch (InvalidJsonException e) {
            throw SuperArgument.notSuper(name(), json);
        }
    }
}
