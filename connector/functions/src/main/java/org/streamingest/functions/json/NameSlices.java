package org.streamingest.functions.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The attribute names of the open objects as slices of the input (names without escape sequences,
 * so equal bytes mean equal names), on one stack reused across records, with a hash per name.
 */
final class NameSlices {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private int[] starts = new int[64];
    private int[] lengths = new int[64];
    private int[] hashes = new int[64];
    private int top;

    void clear() {
        top = 0;
    }

    /** Where the names of an object that opens now will start. */
    int top() {
        return top;
    }

    /** Forgets the names of the object whose names started at {@code base}. */
    void pop(int base) {
        top = base;
    }

    /** A hash of {@code in[start, start + length)} from its first and last eight bytes. */
    int hash(byte[] in, int start, int length, int end) {
        long h = length;
        if (length >= 8) {
            h ^= (long) LONGS.get(in, start) * 0x9E3779B97F4A7C15L;
            h ^= (long) LONGS.get(in, start + length - 8) * 0xC2B2AE3D27D4EB4FL;
        } else if (start + 8 <= end) {
            // the closing quote follows the name: mask the word down to the name's bytes
            long word = (long) LONGS.get(in, start) & ((1L << (length << 3)) - 1);
            h ^= word * 0x9E3779B97F4A7C15L;
        } else {
            long word = 0;
            for (int k = length - 1; k >= 0; k--) {
                word = word << 8 | (in[start + k] & 0xFF);
            }
            h ^= word * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 29));
    }

    /** Whether the object whose names start at {@code base} has this name already. */
    boolean seen(byte[] in, int base, int start, int length, int hash) {
        for (int k = base; k < top; k++) {
            if (hashes[k] == hash
                    && lengths[k] == length
                    && Arrays.equals(
                            in, starts[k], starts[k] + length, in, start, start + length)) {
                return true;
            }
        }
        return false;
    }

    void push(int start, int length, int hash) {
        if (top == starts.length) {
            starts = Arrays.copyOf(starts, top * 2);
            lengths = Arrays.copyOf(lengths, top * 2);
            hashes = Arrays.copyOf(hashes, top * 2);
        }
        starts[top] = start;
        lengths[top] = length;
        hashes[top] = hash;
        top++;
    }
}
