package org.streamingest.functions.json;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.DataType;

/**
 * The one place that decides how a Redshift SUPER value travels through Flink.
 *
 * <p>Flink 2.1 can store VARIANT but cannot navigate it (see DESIGN.md), so a SUPER value is its
 * canonical JSON text in a {@code STRING}: compact, attribute order kept, strings with only the
 * escapes JSON requires, numbers spelled as in the input — what Redshift's JSON_SERIALIZE prints.
 * SQL NULL is a NULL string; JSON {@code null} is the text {@code null}. Functions receive and
 * return the internal {@link StringData}, so SUPER text is never decoded into Java strings.
 */
public final class SuperValues {

    /** The Flink data type that carries SUPER values. */
    public static final DataType DATA_TYPE = DataTypes.STRING().bridgedTo(StringData.class);

    /** How SUPER types are named in signatures and messages. */
    public static final String TYPE_NAME = "SUPER";

    private SuperValues() {}

    /** Wraps canonical JSON text (UTF-8) as a SUPER value. */
    public static StringData encode(byte[] canonicalJson) {
        return StringData.fromBytes(canonicalJson);
    }

    /** The JSON text (UTF-8) of a SUPER value. */
    public static byte[] decode(StringData value) {
        return value.toBytes();
    }

    /** The dynamic type of a SUPER value given as JSON text. */
    public static SuperKind kind(byte[] json) {
        int start = skipWhitespace(json, 0, json.length);
        int end = json.length;
        while (end > start && isWhitespace(json[end - 1])) {
            end--;
        }
        if (start == end) {
            throw new IllegalArgumentException("an empty string is not a SUPER value");
        }
        return switch (json[start]) {
            case '{' -> SuperKind.OBJECT;
            case '[' -> SuperKind.ARRAY;
            case '"' -> SuperKind.STRING;
            case 't', 'f' -> SuperKind.BOOLEAN;
            case 'n' -> SuperKind.NULL;
            default -> SuperKind.ofNumber(json, start, end - start);
        };
    }

    /** Whether a SUPER string value holds only ASCII characters (Redshift's IS_CHAR). */
    public static boolean isAsciiString(byte[] json) {
        for (byte b : json) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    static int skipWhitespace(byte[] json, int from, int end) {
        int i = from;
        while (i < end && isWhitespace(json[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
