package org.streamingest.functions.json;

/**
 * The small lexemes of JSON text for {@link FastJsonScanner}: escape sequences, numbers and the
 * literals. Each method returns the offset after the lexeme, or -1 when it is not valid JSON (or
 * too long to be sure of), leaving the error to the Jackson path.
 */
final class JsonLexemes {

    private static final int UNSURE = -1;

    /** Numbers longer than this are left to Jackson, which limits their length. */
    private static final int MAX_NUMBER = 500;

    private JsonLexemes() {}

    /** The end of the escape sequence at {@code i} (a backslash), or -1 if it is invalid. */
    static int escape(byte[] in, int i, int end) {
        if (i + 1 >= end) {
            return UNSURE;
        }
        switch (in[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                if (i + 6 > end) {
                    return UNSURE;
                }
                for (int k = i + 2; k < i + 6; k++) {
                    if (Character.digit(in[k], 16) < 0) {
                        return UNSURE;
                    }
                }
                return i + 6;
            }
            default -> {
                return UNSURE;
            }
        }
    }

    /**
     * The end of the number at {@code start} as RFC 8259 spells it, else -1: {@code
     * -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}.
     */
    static int number(byte[] in, int start, int end) {
        int i = start;
        if (in[i] == '-') {
            i++;
        }
        if (i >= end || in[i] < '0' || in[i] > '9') {
            return UNSURE;
        }
        i = in[i] == '0' ? i + 1 : digits(in, i, end);
        if (i < end && in[i] == '.') {
            int from = i + 1;
            i = digits(in, from, end);
            if (i == from) {
                return UNSURE;
            }
        }
        if (i < end && (in[i] == 'e' || in[i] == 'E')) {
            i++;
            if (i < end && (in[i] == '+' || in[i] == '-')) {
                i++;
            }
            int from = i;
            i = digits(in, from, end);
            if (i == from) {
                return UNSURE;
            }
        }
        // A letter or digit right after the number is Jackson's error to report.
        if (i - start > MAX_NUMBER || (i < end && Character.isLetterOrDigit(in[i]))) {
            return UNSURE;
        }
        return i;
    }

    private static int digits(byte[] in, int i, int end) {
        while (i < end && in[i] >= '0' && in[i] <= '9') {
            i++;
        }
        return i;
    }

    /** The end of the four letters at {@code i} if they are {@code abcd}, else -1. */
    static int literal(byte[] in, int end, int i, char a, char b, char c, char d) {
        return i + 4 <= end && in[i] == a && in[i + 1] == b && in[i + 2] == c && in[i + 3] == d
                ? i + 4
                : UNSURE;
    }
}
