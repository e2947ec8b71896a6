package org.streamingest.functions.scalar.varbyte;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.scalar.ArgumentInfo;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.util.List;

/**
 * {@code LEN(expression) -> INTEGER}: characters of a string (not bytes), bytes of a VARBYTE.
 * Trailing spaces count, except in fixed-length CHAR columns. Flink types string literals as CHAR;
 * Redshift as VARCHAR, so literals keep their trailing spaces here too.
 */
public final class LenFunction extends RedshiftScalarFunction {

    public static final String NAME = "LEN";

    private static final long serialVersionUID = 1L;

    private final boolean ignoreTrailingSpaces;

    public LenFunction() {
        this(false);
    }

    private LenFunction(boolean ignoreTrailingSpaces) {
        super(NAME);
        this.ignoreTrailingSpaces = ignoreTrailingSpaces;
    }

    @Override
    public RedshiftScalarFunction forArguments(List<ArgumentInfo> arguments) {
        ArgumentInfo argument = arguments.get(0);
        return new LenFunction(argument.type().is(LogicalTypeRoot.CHAR) && !argument.literal());
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SignatureStrategy.of(
                NAME,
                Overload.of(Arg.varchar("expression")),
                Overload.of(Arg.varbyte("expression")));
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(DataTypes.INT());
    }

    public Integer eval(StringData value) {
        if (value == null) {
            return null;
        }
        byte[] utf8 = value.toBytes();
        int end = utf8.length;
        if (ignoreTrailingSpaces) {
            while (end > 0 && utf8[end - 1] == ' ') {
                end--;
            }
        }
        int characters = 0;
        for (int i = 0; i < end; i++) {
            if ((utf8[i] & 0xC0) != 0x80) {
                characters++;
            }
        }
        return characters;
    }

    public Integer eval(byte[] value) {
        return value == null ? null : value.length;
    }
}
