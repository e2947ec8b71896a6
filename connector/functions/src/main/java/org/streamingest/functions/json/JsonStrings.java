package org.streamingest.functions.json;

/**
 * Canonical JSON string text, as Redshift's JSON_SERIALIZE prints it: UTF-8, only the escapes JSON
 * requires ({@code \"}, {@code \\}, control characters), everything else verbatim.
 */
public final class JsonStrings {

    private static final byte[] HEX = "0123456789abcdef".getBytes();

    private JsonStrings() {}

    /**
     * Scans the raw bytes of a string token that starts with a quote at {@code quote}. Returns the
     * offset of the closing quote when the string holds no escape sequence (so its raw bytes are
     * already canonical), or {@code -(offset of the first backslash) - 1} otherwise.
     *
     * @throws InvalidJsonException on invalid UTF-8, a raw control character, a string above
     *     Redshift's limit or a missing closing quote
     */
    public static int scanRaw(byte[] in, int quote, int end) throws InvalidJsonException {
        int i = quote + 1;
        while (i < end) {
            int b = in[i];
            if (b == '"') {
                checkLength(i - quote - 1, quote);
                return i;
            }
            if (b == '\\') {
                return -i - 1;
            }
            if (b < 0) {
                i += Utf8.sequenceLength(in, i, end);
            } else if (b < 0x20) {
                throw new InvalidJsonException(
                        "control character 0x" + Integer.toHexString(b) + " must be escaped", i);
            } else {
                i++;
            }
        }
        throw new InvalidJsonException("string is not closed", end);
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

    /** Writes {@code text} as a canonical, quoted JSON string. */
    public static void write(char[] text, int offset, int length, ByteSink out, long position)
            throws InvalidJsonException {
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
                throw new InvalidJsonException(
                        "string holds an unpaired surrogate \\u" + Integer.toHexString(c),
                        position);
            }
        }
        out.write((byte) '"');
    }

    /**
     * Checks decoded text for unpaired surrogates, which the parser lets through when the input
     * spells them as {@code \\uD800} escapes or as CESU-8 bytes.
     */
    public static void checkUnicode(char[] text, int offset, int length, long position)
            throws InvalidJsonException {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = text[i];
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < end
                        && Character.isLowSurrogate(text[i + 1])) {
                    i++;
                } else {
                    throw new InvalidJsonException(
                            "string holds an unpaired surrogate \\u" + Integer.toHexString(c),
                            position);
                }
            }
        }
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
}
