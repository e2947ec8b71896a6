package org.streamingest.functions.scalar.varbyte;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The formats FROM_VARBYTE and TO_VARBYTE take (case-insensitive): hex, binary, utf8 (also utf-8
 * and utf_8) and base64.
 */
public enum VarbyteFormat {
    HEX {
        @Override
        String toText(byte[] bytes) {
            StringBuilder text = new StringBuilder(bytes.length * 2);
            for (byte b : bytes) {
                text.append(DIGITS[(b >> 4) & 0xF]).append(DIGITS[b & 0xF]);
            }
            return text.toString();
        }

        @Override
        byte[] toBytes(String text) {
            String even = text.length() % 2 == 0 ? text : "0" + text;
            byte[] bytes = new byte[even.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (digit(even, 2 * i, 16) << 4 | digit(even, 2 * i + 1, 16));
            }
            return bytes;
        }
    },
    BINARY {
        @Override
        String toText(byte[] bytes) {
            StringBuilder text = new StringBuilder(bytes.length * 8);
            for (byte b : bytes) {
                for (int bit = 7; bit >= 0; bit--) {
                    text.append((b >> bit & 1) == 1 ? '1' : '0');
                }
            }
            return text.toString();
        }

        @Override
        byte[] toBytes(String text) {
            String padded = "0".repeat((8 - text.length() % 8) % 8) + text;
            byte[] bytes = new byte[padded.length() / 8];
            for (int i = 0; i < padded.length(); i++) {
                bytes[i / 8] = (byte) (bytes[i / 8] << 1 | digit(padded, i, 2));
            }
            return bytes;
        }
    },
    UTF8 {
        @Override
        String toText(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        byte[] toBytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    },
    BASE64 {
        @Override
        String toText(byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }

        @Override
        byte[] toBytes(String text) {
            return Base64.getDecoder().decode(text);
        }
    };

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    /** The bytes written as text in this format. */
    abstract String toText(byte[] bytes);

    /**
     * The bytes a text in this format stands for.
     *
     * @throws IllegalArgumentException if the text is not in this format
     */
    abstract byte[] toBytes(String text);

    /**
     * The format called {@code name}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static VarbyteFormat of(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "hex" -> HEX;
            case "binary" -> BINARY;
            case "utf8", "utf-8", "utf_8" -> UTF8;
            case "base64" -> BASE64;
            default ->
                    throw new IllegalArgumentException(
                            "'"
                                    + name
                                    + "' is not a VARBYTE format; use 'hex', 'binary', 'utf8'"
                                    + " (or 'utf-8', 'utf_8') or 'base64'");
        };
    }

    private static int digit(String text, int index, int radix) {
        int value = Character.digit(text.charAt(index), radix);
        if (value < 0) {
            throw new IllegalArgumentException(
                    "'"
                            + text.charAt(index)
                            + "' at position "
                            + (index + 1)
                            + " is not a "
                            + (radix == 16 ? "hexadecimal" : "binary")
                            + " digit");
        }
        return value;
    }
}
