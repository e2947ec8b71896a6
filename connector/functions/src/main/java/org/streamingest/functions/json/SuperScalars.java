package org.streamingest.functions.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The scalars inside SUPER values (canonical JSON text), read for Redshift's dynamic typing:
 * comparisons, arithmetic and casts of navigated values. Writing goes the other way: a string,
 * number or boolean as SUPER text.
 */
public final class SuperScalars {

    private SuperScalars() {}

    /** The text of a SUPER string value ({@code "a\"b"} is {@code a"b}). */
    public static String string(byte[] json) {
        try (JsonParser parser = JsonCanonicalizer.FACTORY.createParser(json)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("not a SUPER string");
            }
            return parser.getText();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a SUPER string: " + e.getMessage(), e);
        }
    }

    /** The number as spelled ({@code 1.50} stays {@code 1.50}). */
    public static String numberText(byte[] json) {
        return new String(json, StandardCharsets.US_ASCII).trim();
    }

    /** A SUPER number that is not a float, exactly. */
    public static BigDecimal decimal(byte[] json) {
        return new BigDecimal(numberText(json));
    }

    /** A SUPER number as a double. */
    public static double floating(byte[] json) {
        return Double.parseDouble(numberText(json));
    }

    /** A string as a SUPER string value. */
    public static byte[] ofString(String text) {
        ByteSink sink = new ByteSink(text.length() + 2);
        char[] chars = text.toCharArray();
        JsonStrings.write(chars, 0, chars.length, sink);
        return sink.toByteArray();
    }

    /** An exact number as a SUPER number (plain notation: an integer or a decimal). */
    public static byte[] ofDecimal(BigDecimal value) {
        return value.toPlainString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A double as a SUPER float, spelled with an exponent as Redshift prints floats ({@code
     * 2.22e+0}), so that it stays a float; null for NaN and infinities, which JSON cannot hold.
     */
    public static byte[] ofFloat(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        StringBuilder text = new StringBuilder();
        if (exact.signum() < 0) {
            text.append('-');
        }
        text.append(digits.charAt(0));
        if (digits.length() > 1) {
            text.append('.').append(digits, 1, digits.length());
        }
        text.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A boolean as a SUPER boolean. */
    public static byte[] ofBoolean(boolean value) {
        return (value ? "true" : "false").getBytes(StandardCharsets.US_ASCII);
    }
}
