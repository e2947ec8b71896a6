package org.streamingest.functions.json;

import java.nio.charset.StandardCharsets;

/**
 * The dynamic type of a SUPER value, as Redshift's JSON_TYPEOF and IS_* functions see it. Numbers
 * are told apart by their spelling: an exponent makes a float (Redshift prints floats as {@code
 * 2.22e+0}), a fraction a decimal, otherwise an integer sized by its value.
 */
public enum SuperKind {
    OBJECT("object"),
    ARRAY("array"),
    STRING("string"),
    BOOLEAN("boolean"),
    NULL("null"),
    SMALLINT("number"),
    INTEGER("number"),
    BIGINT("number"),
    DECIMAL("number"),
    FLOAT("number");

    /** Redshift's DECIMAL holds at most 38 digits; longer numbers can only be floats. */
    static final int MAX_DECIMAL_DIGITS = 38;

    private final String typeName;

    SuperKind(String typeName) {
        this.typeName = typeName;
    }

    /** The name JSON_TYPEOF returns. */
    public String typeName() {
        return typeName;
    }

    /** True for SMALLINT, INTEGER, BIGINT: numbers of scale 0 within 64 bits. */
    public boolean isInteger() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    /**
     * Classifies a JSON number spelled as in {@code text[offset, offset + length)}.
     *
     * @throws IllegalArgumentException if the text is not a JSON number
     */
    public static SuperKind ofNumber(byte[] text, int offset, int length) {
        if (!isJsonNumber(text, offset, offset + length)) {
            throw new IllegalArgumentException("not a JSON number");
        }
        boolean fraction = false;
        for (int i = offset; i < offset + length; i++) {
            if (text[i] == 'e' || text[i] == 'E') {
                return FLOAT;
            }
            fraction |= text[i] == '.';
        }
        if (fraction) {
            return decimalOrFloat(text, offset, length);
        }
        int digits = 0;
        boolean leading = true;
        for (int i = offset; i < offset + length; i++) {
            byte b = text[i];
            if (b >= '1' && b <= '9' || b == '0' && !leading) {
                leading = false;
                digits++;
            }
        }
        if (digits > MAX_DECIMAL_DIGITS) {
            return FLOAT;
        }
        String spelled = new String(text, offset, length, StandardCharsets.US_ASCII);
        long value;
        try {
            value = Long.parseLong(spelled);
        } catch (NumberFormatException e) {
            return DECIMAL;
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return SMALLINT;
        }
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? INTEGER : BIGINT;
    }

    /** RFC 8259 number grammar: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
    static boolean isJsonNumber(byte[] t, int from, int end) {
        int i = from;
        if (i < end && t[i] == '-') {
            i++;
        }
        int digitsStart = i;
        while (i < end && t[i] >= '0' && t[i] <= '9') {
            i++;
        }
        if (i == digitsStart || (t[digitsStart] == '0' && i - digitsStart > 1)) {
            return false;
        }
        if (i < end && t[i] == '.') {
            int fraction = ++i;
            while (i < end && t[i] >= '0' && t[i] <= '9') {
                i++;
            }
            if (i == fraction) {
                return false;
            }
        }
        if (i < end && (t[i] == 'e' || t[i] == 'E')) {
            i++;
            if (i < end && (t[i] == '+' || t[i] == '-')) {
                i++;
            }
            int exponent = i;
            while (i < end && t[i] >= '0' && t[i] <= '9') {
                i++;
            }
            if (i == exponent) {
                return false;
            }
        }
        return i == end;
    }

    private static SuperKind decimalOrFloat(byte[] text, int offset, int length) {
        return NumberDigits.of(text, offset, length).precision() > MAX_DECIMAL_DIGITS
                ? FLOAT
                : DECIMAL;
    }
}
