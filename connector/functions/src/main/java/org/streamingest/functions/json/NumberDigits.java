package org.streamingest.functions.json;

/**
 * Precision and scale of a JSON number without exponent, as DECIMAL_PRECISION and DECIMAL_SCALE
 * report them: {@code 3.14159} has precision 6 and scale 5.
 */
public record NumberDigits(int precision, int scale) {

    /** Counts the digits of a plain decimal number ({@code -12.340} is precision 5, scale 3). */
    public static NumberDigits of(byte[] text, int offset, int length) {
        int integerDigits = 0;
        int scale = 0;
        boolean fraction = false;
        boolean leading = true;
        for (int i = offset; i < offset + length; i++) {
            byte b = text[i];
            if (b == '.') {
                fraction = true;
            } else if (b >= '0' && b <= '9') {
                if (fraction) {
                    scale++;
                } else if (b != '0' || !leading) {
                    leading = false;
                    integerDigits++;
                }
            }
        }
        return new NumberDigits(Math.max(1, integerDigits + scale), scale);
    }
}
