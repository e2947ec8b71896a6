package org.streamingest.functions.scalar.json;

import org.streamingest.functions.json.InvalidJsonException;
import org.streamingest.functions.json.JsonTextReader;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.data.StringData;

/**
 * Base of the text-based JSON functions, whose last, optional argument {@code null_if_invalid}
 * turns the error on invalid JSON into a NULL result.
 */
abstract class JsonTextFunction extends RedshiftScalarFunction {

    private static final long serialVersionUID = 1L;

    private transient JsonTextReader reader;

    JsonTextFunction(String name) {
        super(name);
    }

    /** Reads the input; returns null if the JSON is invalid and {@code nullIfInvalid} is set. */
    final <T> T read(StringData json, Boolean nullIfInvalid, Read<T> read) {
        if (reader == null) {
            reader = new JsonTextReader();
        }
        byte[] bytes = json.toBytes();
        try {
            return read.apply(reader, bytes);
        } catch (InvalidJsonException e) {
            if (Boolean.TRUE.equals(nullIfInvalid)) {
                return null;
            }
            throw error(
                    JsonErrors.notJson(invalidWhat(), e, bytes)
                            + " Pass true as the last argument (null_if_invalid) to get NULL"
                            + " instead.");
        }
    }

    /** How the error names what was expected, e.g. "invalid JSON object". */
    abstract String invalidWhat();

    /** One read of the JSON text. */
    interface Read<T> {
        T apply(JsonTextReader reader, byte[] json) throws InvalidJsonException;
    }
}
