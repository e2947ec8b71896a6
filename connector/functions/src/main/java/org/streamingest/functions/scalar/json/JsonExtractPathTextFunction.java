package org.streamingest.functions.scalar.json;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.scalar.ArgumentInfo;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.util.List;

/**
 * {@code JSON_EXTRACT_PATH_TEXT(json_string, path_elem [, path_elem ...] [, null_if_invalid]) ->
 * VARCHAR}: the value found by following up to five attribute names, NULL if a path element does
 * not exist.
 */
public final class JsonExtractPathTextFunction extends JsonTextFunction {

    public static final String NAME = "JSON_EXTRACT_PATH_TEXT";

    /** Redshift follows at most five path elements. */
    public static final int MAX_PATH_ELEMENTS = 5;

    private static final long serialVersionUID = 1L;

    private final boolean lastIsFlag;

    public JsonExtractPathTextFunction() {
        this(false);
    }

    private JsonExtractPathTextFunction(boolean lastIsFlag) {
        super(NAME);
        this.lastIsFlag = lastIsFlag;
    }

    /** Whether the last argument is null_if_invalid is known from the types at planning. */
    @Override
    public RedshiftScalarFunction forArguments(List<ArgumentInfo> arguments) {
        LogicalType last = arguments.get(arguments.size() - 1).type();
        return new JsonExtractPathTextFunction(last.is(LogicalTypeRoot.BOOLEAN));
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        List<Arg> json = List.of(Arg.varchar("json_string"));
        Arg path = Arg.varchar("path_elem");
        return SignatureStrategy.of(
                NAME,
                Overload.repeating(json, path, 1, MAX_PATH_ELEMENTS),
                Overload.repeating(json, path, 1, MAX_PATH_ELEMENTS, Arg.bool("null_if_invalid")));
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(Arg.STRING);
    }

    /** Path elements are {@code StringData}; a trailing {@code Boolean} is null_if_invalid. */
    public StringData eval(StringData json, Object... pathAndFlag) {
        int count = lastIsFlag ? pathAndFlag.length - 1 : pathAndFlag.length;
        Boolean nullIfInvalid = lastIsFlag ? (Boolean) pathAndFlag[count] : null;
        String[] path = new String[count];
        for (int i = 0; i < count; i++) {
            if (pathAndFlag[i] == null) {
                return null;
            }
            path[i] = pathAndFlag[i].toString();
        }
        if (json == null) {
            return null;
        }
        return read(json, nullIfInvalid, (reader, bytes) -> reader.extractPath(bytes, path));
    }

    @Override
    String invalidWhat() {
        return "invalid JSON object";
    }
}
