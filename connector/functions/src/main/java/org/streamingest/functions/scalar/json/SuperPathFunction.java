package org.streamingest.functions.scalar.json;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.json.InvalidJsonException;
import org.streamingest.functions.json.SuperNavigator;
import org.streamingest.functions.json.SuperPath;
import org.streamingest.functions.json.SuperValues;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code SUPER_PATH(value SUPER, path VARCHAR) -> SUPER}: Redshift's SUPER navigation ({@code
 * value.a.b[0]}) as a function. Not a Redshift function: the SQL front end rewrites navigation to
 * it, with the path written as {@code ."a"."b"[0]}. Missing attributes, indexes out of bounds and
 * navigation into scalars give NULL, as in Redshift (lax mode).
 */
public final class SuperPathFunction extends RedshiftScalarFunction {

    public static final String NAME = "SUPER_PATH";

    private static final long serialVersionUID = 1L;

    private transient SuperNavigator navigator;
    private transient SuperPath lastPath;

    public SuperPathFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SignatureStrategy.of(
                NAME, Overload.of(Arg.superValue("value"), Arg.varchar("path")));
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(SuperValues.DATA_TYPE);
    }

    public StringData eval(StringData value, StringData path) {
        if (value == null || path == null) {
            return null;
        }
        if (navigator == null) {
            navigator = new SuperNavigator();
        }
        String pathText = path.toString();
        if (lastPath == null || !lastPath.text().equals(pathText)) {
            try {
                lastPath = SuperPath.parse(pathText);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
        try {
            return navigator.navigate(SuperValues.decode(value), lastPath);
        } catch (InvalidJsonException e) {
            throw error(
                    "the value is not a SUPER value (JSON text): "
                            + e.getMessage()
                            + ". Make SUPER values with JSON_PARSE.");
        }
    }
}
