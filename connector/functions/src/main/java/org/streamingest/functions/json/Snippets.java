package org.streamingest.functions.json;

import java.nio.charset.StandardCharsets;

/**
 * A short, printable prefix of a payload for error messages: enough to recognise the record, never
 * the whole (possibly large or sensitive) payload.
 */
public final class Snippets {

    /** At most this many bytes of a payload appear in a message. */
    public static final int MAX_BYTES = 48;

    private Snippets() {}

    /**
     * The first bytes of {@code payload} as text: printable ASCII as is, well-formed UTF-8 decoded,
     * anything else as {@code \xNN}; with a note on the full size when cut.
     */
    public static String prefix(byte[] payload) {
        StringBuilder text = new StringBuilder("'");
        int limit = Math.min(payload.length, MAX_BYTES);
        int i = 0;
        while (i < limit) {
            int b = payload[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F) {
                text.append(b == '\'' ? "\\'" : String.valueOf((char) b));
                i++;
            } else if (b >= 0x80 && isUtf8(payload, i, limit)) {
                int length = sequenceLength(payload, i, limit);
                text.append(new String(payload, i, length, StandardCharsets.UTF_8));
                i += length;
            } else {
                text.append(String.format("\\x%02x", b));
                i++;
            }
        }
        text.append('\'');
        if (payload.length > limit) {
            text.append("... (").append(payload.length).append(" bytes in total)");
        }
        return text.toString();
    }

    private static boolean isUtf8(byte[] payload, int at, int limit) {
        try {
            Utf8.sequenceLength(payload, at, limit);
            return true;
        } catch (InvalidJsonException e) {
            return false;
        }
    }

    private static int sequenceLength(byte[] payload, int at, int limit) {
        try {
            return Utf8.sequenceLength(payload, at, limit);
        } catch (InvalidJsonException e) {
            return 1;
        }
    }
}
