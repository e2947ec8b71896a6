package org.streamingest.functions.json;

/**
 * Canonical text of a JSON string that holds escape sequences: decodes the raw bytes (valid UTF-8
 * and valid escapes, checked before) into UTF-16 as Jackson would, then writes them with {@link
 * JsonStrings#write}, the same writer the Jackson path uses. The buffer is reused.
 */
final class EscapedStrings {

    private char[] chars = new char[256];

    /** Writes the quoted canonical form of the string whose raw content is {@code in[from, to)}. */
    void writeCanonical(byte[] in, int from, int to, ByteSink out) {
        if (chars.length < to - from) {
            chars = new char[Math.max(to - from, chars.length * 2)];
        }
        int n = 0;
        int i = from;
        while (i < to) {
            int b = in[i];
            if (b == '\\') {
                byte kind = in[i + 1];
                if (kind == 'u') {
                    chars[n++] = hex(in, i + 2);
                    i += 6;
                } else {
                    chars[n++] = unescape(kind);
                    i += 2;
                }
            } else if (b >= 0) {
                chars[n++] = (char) b;
                i++;
            } else if ((b & 0xE0) == 0xC0) {
                chars[n++] = (char) ((b & 0x1F) << 6 | (in[i + 1] & 0x3F));
                i += 2;
            } else if ((b & 0xF0) == 0xE0) {
                chars[n++] =
                        (char) ((b & 0x0F) << 12 | (in[i + 1] & 0x3F) << 6 | (in[i + 2] & 0x3F));
                i += 3;
            } else {
                int cp =
                        (b & 0x07) << 18
                                | (in[i + 1] & 0x3F) << 12
                                | (in[i + 2] & 0x3F) << 6
                                | (in[i + 3] & 0x3F);
                chars[n++] = Character.highSurrogate(cp);
                chars[n++] = Character.lowSurrogate(cp);
                i += 4;
            }
        }
        JsonStrings.write(chars, 0, n, out);
    }

    /** The UTF-16 unit spelled by the four hex digits at {@code at} (checked before). */
    private static char hex(byte[] in, int at) {
        int unit = 0;
        for (int k = at; k < at + 4; k++) {
            unit = unit << 4 | Character.digit(in[k], 16);
        }
        return (char) unit;
    }

    private static char unescape(byte kind) {
        return switch (kind) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> (char) kind; // '"', '\\' and '/' stand for themselves
        };
    }
}
