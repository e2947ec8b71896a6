package org.streamingest.functions.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
public final class Utf8 {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {}

    /**
     * Checks that {@code in[offset, offset + length)} is valid UTF-8, sixteen ASCII bytes at a
     * time, and tells on the way whether it holds a backslash (so whether JSON text could hold an
     * escape sequence).
     *
     * @return whether the bytes include a backslash
     * @throws InvalidJsonException naming the first invalid byte and its offset from {@code offset}
     */
    public static boolean validate(byte[] in, int offset, int length) throws InvalidJsonException {
        int end = offset + length;
        int i = offset;
        boolean backslash = false;
        try {
            while (i < end) {
                while (i + 16 <= end) {
                    long a = (long) LONGS.get(in, i);
                    long b = (long) LONGS.get(in, i + 8);
                    if (((a | b) & HIGH_BITS) != 0) {
                        break;
                    }
                    backslash |= hasBackslash(a) | hasBackslash(b);
                    i += 16;
                }
                int stop = Math.min(end, i + 16);
                while (i < stop) {
                    byte c = in[i];
                    backslash |= c == '\\';
                    i += c >= 0 ? 1 : sequenceLength(in, i, end);
                }
            }
        } catch (InvalidJsonException e) {
            throw new InvalidJsonException(e.reason(), e.byteOffset() - offset);
        }
        return backslash;
    }

    private static boolean hasBackslash(long word) {
        long x = word ^ 0x5C5C5C5C5C5C5C5CL;
        return ((x - 0x0101010101010101L) & ~x & HIGH_BITS) != 0;
    }

    /**
     * Length of the multi-byte sequence starting at {@code i} (whose first byte is above 0x7F).
     *
     * @throws InvalidJsonException if the sequence is not valid UTF-8; the offset is {@code i}'s
     */
    public static int sequenceLength(byte[] in, int i, int end) throws InvalidJsonException {
        int lead = in[i] & 0xFF;
        int length;
        int min2;
        int max2;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            min2 = 0x80;
            max2 = 0xBF;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            min2 = lead == 0xE0 ? 0xA0 : 0x80;
            max2 = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            min2 = lead == 0xF0 ? 0x90 : 0x80;
            max2 = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw invalid(lead, i);
        }
        if (i + length > end) {
            throw new InvalidJsonException("truncated UTF-8 sequence", i);
        }
        int second = in[i + 1] & 0xFF;
        if (second < min2 || second > max2) {
            throw invalid(second, i + 1);
        }
        for (int k = 2; k < length; k++) {
            int next = in[i + k] & 0xFF;
            if ((next & 0xC0) != 0x80) {
                throw invalid(next, i + k);
            }
        }
        return length;
    }

    /** Offset of the first byte that is not valid UTF-8, or -1 if all of {@code in} is valid. */
    public static long firstInvalid(byte[] in, int offset, int length) {
        try {
            validate(in, offset, length);
            return -1;
        } catch (InvalidJsonException e) {
            return e.byteOffset();
        }
    }

    private static InvalidJsonException invalid(int b, int at) {
        return new InvalidJsonException(
                "invalid UTF-8 byte 0x" + Integer.toHexString(b | 0x100).substring(1), at);
    }
}
