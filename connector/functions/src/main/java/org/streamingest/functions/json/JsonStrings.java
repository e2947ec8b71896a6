package org.streamingest.functions.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Canonical JSON string text, as Redshift's JSON_SERIALIZE prints it: UTF-8, only the escapes JSON
 * requires ({@code \"}, {@code \\}, control characters), everything else verbatim.
 */
public final class JsonStrings {

    private static final byte[] HEX = "0123456789abcdef".getBytes();
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    private JsonStrings() {}

    /**
     * Scans the raw bytes of a string token that starts with a quote at {@code quote}, in input
     * that is valid UTF-8 (so neither quote nor backslash occurs inside a multi-byte character).
     * Returns the offset of the closing quote when the string holds no escape sequence (so its raw
     * bytes are already canonical), or -1 otherwise.
     *
     * @throws InvalidJsonException for a string above Redshift's limit
     */
    public static int scanRaw(byte[] in, int quote, int end) throws InvalidJsonException {
        int i = quote + 1;
        while (i + 8 <= end) {
            long word = (long) LONGS.get(in, i);
            if (hasByte(word, QUOTES) || hasByte(word, BACKSLASHES)) {
                break;
            }
            i += 8;
        }
        for (; i < end; i++) {
            byte b = in[i];
            if (b == '"') {
                checkLength(i - quote - 1, quote);
                return i;
            }
            if (b == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /** Whether any byte of {@code word} equals the byte repeated in {@code pattern}. */
    private static boolean hasByte(long word, long pattern) {
        long x = word ^ pattern;
        return ((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0;
    }

    /** Rejects strings longer than a SUPER string literal may be. */
    public static void checkLength(int bytes, long offset) throws InvalidJsonException {
        if (bytes > JsonLimits.MAX_STRING_BYTES) {
            throw new InvalidJsonException(
                    "string of "
                            + bytes
                            + " bytes exceeds Redshift's limit of "
                            + JsonLimits.MAX_STRING_BYTES
                            + " bytes for a SUPER string",
                    offset);
        }
    }

    /**
     * Writes {@code text} as a canonical, quoted JSON string. A surrogate without its pair (only
     * possible from a {@code \\uD800}-style escape) stays an escape, so nothing is lost.
     */
    public static void write(char[] text, int offset, int length, ByteSink out) {
        out.write((byte) '"');
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = text[i];
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    out.write((byte) '\\');
                }
                out.write((byte) c);
            } else if (c < 0x20) {
                writeControl(c, out);
            } else if (c < 0x800) {
                out.write((byte) (0xC0 | (c >> 6)));
                out.write((byte) (0x80 | (c & 0x3F)));
            } else if (!Character.isSurrogate(c)) {
                out.write((byte) (0xE0 | (c >> 12)));
                out.write((byte) (0x80 | ((c >> 6) & 0x3F)));
                out.write((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < end
                    && Character.isLowSurrogate(text[i + 1])) {
                int cp = Character.toCodePoint(c, text[++i]);
                out.write((byte) (0xF0 | (cp >> 18)));
                out.write((byte) (0x80 | ((cp >> 12) & 0x3F)));
                out.write((byte) (0x80 | ((cp >> 6) & 0x3F)));
                out.write((byte) (0x80 | (cp & 0x3F)));
            } else {
                writeEscape(c, out);
            }
        }
        out.write((byte) '"');
    }

    private static void writeControl(char c, ByteSink out) {
        out.write((byte) '\\');
        switch (c) {
            case '\b' -> out.write((byte) 'b');
            case '\f' -> out.write((byte) 'f');
            case '\n' -> out.write((byte) 'n');
            case '\r' -> out.write((byte) 'r');
            case '\t' -> out.write((byte) 't');
            default -> {
                out.write((byte) 'u');
                out.write((byte) '0');
                out.write((byte) '0');
                out.write(HEX[c >> 4]);
                out.write(HEX[c & 0xF]);
            }
        }
    }

    private static void writeEscape(char c, ByteSink out) {
        out.write((byte) '\\');
        out.write((byte) 'u');
        out.write(HEX[(c >> 12) & 0xF]);
        out.write(HEX[(c >> 8) & 0xF]);
        out.write(HEX[(c >> 4) & 0xF]);
        out.write(HEX[c & 0xF]);
    }
}
