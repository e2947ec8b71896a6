package org.streamingest.functions.scalar.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a number in a Redshift numeric format string, as {@code TO_CHAR} does: {@code 9} a digit
 * (a blank where the number has none), {@code 0} a digit kept as 0 (and every digit position after
 * it), {@code .} or {@code D} the decimal point, {@code ,} or {@code G} the group separator (a
 * blank before the number's first digit), {@code S} the sign ({@code +}/{@code -}) next to the
 * number, {@code MI} a minus (or blank) where it stands, {@code SG} a plus or minus where it
 * stands, {@code PR} angle brackets around a negative number, {@code FM} no blanks and no trailing
 * zeros of {@code 9} positions. The number is rounded half away from zero to the format's decimals;
 * a number with more integer digits than the format has gives {@code #} for every digit. Without S,
 * MI, SG or PR the sign takes one position before the number: a blank or {@code -}. Any other
 * character is copied, text in double quotes too.
 */
public final class NumericTemplate {

    private enum Kind {
        DIGIT9,
        DIGIT0,
        POINT,
        GROUP,
        SIGN,
        MINUS,
        SIGN_FIXED,
        BRACKETS,
        TEXT
    }

    private record Element(Kind kind, String text) {}

    private static final List<String> UNSUPPORTED =
            List.of("EEEE", "RN", "TH", "PL", "V", "L", "B");

    private final List<Element> elements;
    private final boolean fillMode;
    private final int integerDigits;
    private final int fractionDigits;
    private final int firstZero; // index among integer digits of the first 0, or integerDigits
    private final int lastFractionZero; // index among fraction digits of the last 0, or -1
    private final boolean explicitSign;
    private final boolean signAfterDigits;

    private NumericTemplate(List<Element> elements, boolean fillMode) {
        this.elements = elements;
        this.fillMode = fillMode;
        int integer = 0;
        int fraction = 0;
        int zero = -1;
        int lastZero = -1;
        boolean point = false;
        boolean explicit = false;
        boolean digitsSeen = false;
        boolean signAfter = false;
        for (Element e : elements) {
            switch (e.kind()) {
                case DIGIT9, DIGIT0 -> {
                    digitsSeen = true;
                    if (point) {
                        if (e.kind() == Kind.DIGIT0) {
                            lastZero = fraction;
                        }
                        fraction++;
                    } else {
                        if (e.kind() == Kind.DIGIT0 && zero < 0) {
                            zero = integer;
                        }
                        integer++;
                    }
                }
                case POINT -> point = true;
                case SIGN -> {
                    explicit = true;
                    signAfter = digitsSeen;
                }
                case MINUS, SIGN_FIXED, BRACKETS -> explicit = true;
                default -> {}
            }
        }
        this.integerDigits = integer;
        this.fractionDigits = fraction;
        this.firstZero = zero < 0 ? integer : zero;
        this.lastFractionZero = lastZero;
        this.explicitSign = explicit;
        this.signAfterDigits = signAfter;
    }

    /**
     * Compiles a format string.
     *
     * @throws IllegalArgumentException for an element that is not supported or used twice
     */
    public static NumericTemplate compile(String pattern) {
        List<Element> elements = new ArrayList<>();
        String upper = pattern.toUpperCase(Locale.ROOT);
        boolean fillMode = false;
        int points = 0;
        int signs = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = upper.charAt(i);
            if (c == '"') {
                int close = pattern.indexOf('"', i + 1);
                int stop = close < 0 ? pattern.length() : close;
                elements.add(new Element(Kind.TEXT, pattern.substring(i + 1, stop)));
                i = stop + 1;
                continue;
            }
            if (upper.startsWith("FM", i)) {
                fillMode = true;
                i += 2;
                continue;
            }
            Kind kind = null;
            int length = 1;
            if (c == '9') {
                kind = Kind.DIGIT9;
            } else if (c == '0') {
                kind = Kind.DIGIT0;
            } else if (c == '.' || c == 'D') {
                kind = Kind.POINT;
                points++;
            } else if (c == ',' || c == 'G') {
                kind = Kind.GROUP;
            } else if (upper.startsWith("MI", i)) {
                kind = Kind.MINUS;
                length = 2;
            } else if (upper.startsWith("SG", i)) {
                kind = Kind.SIGN_FIXED;
                length = 2;
            } else if (upper.startsWith("PR", i)) {
                kind = Kind.BRACKETS;
                length = 2;
            } else if (c == 'S') {
                kind = Kind.SIGN;
            } else {
                for (String element : UNSUPPORTED) {
                    if (upper.startsWith(element, i)) {
                        throw new IllegalArgumentException(
                                "numeric format element '"
                                        + pattern.substring(i, i + element.length())
                                        + "' is not supported; use 9, 0, . or D, , or G, S, MI,"
                                        + " SG, PR and FM");
                    }
                }
            }
            if (kind == Kind.SIGN
                    || kind == Kind.MINUS
                    || kind == Kind.SIGN_FIXED
                    || kind == Kind.BRACKETS) {
                signs++;
            }
            if (points > 1) {
                throw new IllegalArgumentException(
                        "numeric format '" + pattern + "' has more than one decimal point");
            }
            if (signs > 1) {
                throw new IllegalArgumentException(
                        "numeric format '"
                                + pattern
                                + "' has more than one sign (S, MI, SG or PR): use one");
            }
            elements.add(
                    new Element(kind == null ? Kind.TEXT : kind, pattern.substring(i, i + length)));
            i += length;
        }
        return new NumericTemplate(elements, fillMode);
    }

    /** {@code number} written in this format. */
    public String format(BigDecimal number) {
        BigDecimal rounded = number.abs().setScale(fractionDigits, RoundingMode.HALF_UP);
        boolean negative = number.signum() < 0 && rounded.signum() != 0;
        String integer = rounded.toBigInteger().toString();
        if (integer.equals("0")) {
            integer = fractionDigits > 0 || integerDigits == 0 ? "" : "0";
        }
        String fraction =
                fractionDigits == 0
                        ? ""
                        : rounded.toPlainString()
                                .substring(rounded.toPlainString().indexOf('.') + 1);
        boolean overflow = integer.length() > integerDigits;
        int trimFrom = fractionDigits; // FM: trailing zeros of 9 positions go
        if (fillMode && !overflow) {
            while (trimFrom > lastFractionZero + 1 && fraction.charAt(trimFrom - 1) == '0') {
                trimFrom--;
            }
        }
        String before = signBefore(negative);
        StringBuilder out = new StringBuilder();
        StringBuilder blanks = new StringBuilder();
        boolean started = false;
        int integerIndex = 0;
        int fractionIndex = 0;
        boolean pastPoint = false;
        for (Element e : elements) {
            switch (e.kind()) {
                case DIGIT9, DIGIT0 -> {
                    if (pastPoint) {
                        if (fractionIndex < trimFrom) {
                            out.append(overflow ? '#' : fraction.charAt(fractionIndex));
                        }
                        fractionIndex++;
                        continue;
                    }
                    int digit = integerIndex - (integerDigits - integer.length());
                    char shown;
                    if (overflow) {
                        shown = '#';
                    } else if (digit >= 0) {
                        shown = integer.charAt(digit);
                    } else if (integerIndex >= firstZero) {
                        shown = '0';
                    } else {
                        shown = ' ';
                    }
                    integerIndex++;
                    if (shown == ' ') {
                        blanks.append(' ');
                        continue;
                    }
                    if (!started) {
                        start(out, blanks, before);
                        started = true;
                    }
                    out.append(shown);
                }
                case POINT -> {
                    if (!started) {
                        start(out, blanks, before);
                        started = true;
                    }
                    pastPoint = true;
                    out.append('.');
                }
                case GROUP -> {
                    if (started) {
                        out.append(',');
                    } else {
                        blanks.append(' ');
                    }
                }
                case SIGN -> {
                    if (signAfterDigits) {
                        out.append(negative ? '-' : '+');
                    }
                }
                case MINUS -> out.append(negative ? "-" : (fillMode ? "" : " "));
                case SIGN_FIXED -> out.append(negative ? "-" : "+");
                case BRACKETS -> out.append(negative ? ">" : (fillMode ? "" : " "));
                case TEXT -> {
                    if (started) {
                        out.append(e.text());
                    } else {
                        out.append(blanksIfKept(blanks)).append(e.text());
                        blanks.setLength(0);
                    }
                }
            }
        }
        if (!started) {
            start(out, blanks, before);
        }
        return out.toString();
    }

    /** What stands right before the number's first digit: its sign, unless placed elsewhere. */
    private String signBefore(boolean negative) {
        String blank = fillMode ? "" : " ";
        if (!explicitSign) {
            return negative ? "-" : blank;
        }
        for (Element e : elements) {
            if (e.kind() == Kind.SIGN && !signAfterDigits) {
                return negative ? "-" : "+";
            }
            if (e.kind() == Kind.BRACKETS) {
                return negative ? "<" : blank;
            }
        }
        return "";
    }

    private void start(StringBuilder out, StringBuilder blanks, String sign) {
        out.append(blanksIfKept(blanks)).append(sign);
        blanks.setLength(0);
    }

    private String blanksIfKept(StringBuilder blanks) {
        return fillMode ? "" : blanks.toString();
    }
}
