package org.streamingest.functions.scalar.varbyte;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.json.Snippets;
import org.streamingest.functions.json.Utf8;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

import java.util.Locale;

/**
 * {@code FROM_VARBYTE(binary_value, format) -> VARCHAR} writes bytes as text in a format; {@code
 * TO_VARBYTE(string, format) -> VARBYTE} reads text in a format. Bytes that are not valid UTF-8 are
 * an error for the utf8 format, as when Redshift loads them into a VARCHAR (COPY without
 * ACCEPTINVCHARS).
 */
public final class VarbyteFunction extends RedshiftScalarFunction {

    public static final String FROM_NAME = "FROM_VARBYTE";
    public static final String TO_NAME = "TO_VARBYTE";

    private static final long serialVersionUID = 1L;

    private final boolean toVarbyte;

    private VarbyteFunction(String name, boolean toVarbyte) {
        super(name);
        this.toVarbyte = toVarbyte;
    }

    /** FROM_VARBYTE. */
    public static VarbyteFunction fromVarbyte() {
        return new VarbyteFunction(FROM_NAME, false);
    }

    /** TO_VARBYTE. */
    public static VarbyteFunction toVarbyte() {
        return new VarbyteFunction(TO_NAME, true);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        Arg value = toVarbyte ? Arg.varchar("string") : Arg.varbyte("binary_value");
        return SignatureStrategy.of(name(), Overload.of(value, Arg.varchar("format")))
                .checkingLiteral(1, VarbyteFormat::of);
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(toVarbyte ? DataTypes.BYTES() : Arg.STRING);
    }

    /** FROM_VARBYTE. */
    public StringData eval(byte[] value, StringData format) {
        if (value == null || format == null) {
            return null;
        }
        VarbyteFormat parsed = format(format);
        if (parsed == VarbyteFormat.UTF8) {
            long invalid = Utf8.firstInvalid(value, 0, value.length);
            if (invalid >= 0) {
                throw error(
                        "the value is not valid UTF-8 (byte offset "
                                + invalid
                                + "); it starts with "
                                + Snippets.prefix(value)
                                + ". Use the 'hex' or 'base64' format for binary data.");
            }
            return StringData.fromBytes(value);
        }
        return StringData.fromString(parsed.toText(value));
    }

    /** TO_VARBYTE. */
    public byte[] eval(StringData value, StringData format) {
        if (value == null || format == null) {
            return null;
        }
        VarbyteFormat parsed = format(format);
        if (parsed == VarbyteFormat.UTF8) {
            return value.toBytes();
        }
        try {
            return parsed.toBytes(value.toString());
        } catch (IllegalArgumentException e) {
            throw error(
                    "the string is not in the "
                            + parsed.name().toLowerCase(Locale.ROOT)
                            + " format: "
                            + e.getMessage()
                            + ".");
        }
    }

    private VarbyteFormat format(StringData format) {
        try {
            return VarbyteFormat.of(format.toString());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }
}
