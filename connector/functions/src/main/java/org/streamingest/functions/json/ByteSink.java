package org.streamingest.functions.json;

import java.util.Arrays;

/**
 * A growable byte buffer that is reused across records, so that writing canonical JSON allocates
 * only the final copy handed to Flink.
 */
public final class ByteSink {

    private byte[] buffer;
    private int size;

    public ByteSink(int initialCapacity) {
        this.buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** Forgets the content but keeps the capacity. */
    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public void write(byte b) {
        if (size == buffer.length) {
            grow(1);
        }
        buffer[size++] = b;
    }

    public void write(byte[] source, int offset, int length) {
        if (size + length > buffer.length) {
            grow(length);
        }
        System.arraycopy(source, offset, buffer, size, length);
        size += length;
    }

    /** Writes characters that are known to be ASCII (numbers, literals) as single bytes. */
    public void writeAscii(char[] source, int offset, int length) {
        if (size + length > buffer.length) {
            grow(length);
        }
        for (int i = 0; i < length; i++) {
            buffer[size + i] = (byte) source[offset + i];
        }
        size += length;
    }

    public void writeAscii(String ascii) {
        int length = ascii.length();
        if (size + length > buffer.length) {
            grow(length);
        }
        for (int i = 0; i < length; i++) {
            buffer[size + i] = (byte) ascii.charAt(i);
        }
        size += length;
    }

    /** A copy of the content, sized exactly. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void grow(int extra) {
        long wanted = Math.max((long) buffer.length * 2, (long) size + extra);
        if (wanted > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("A JSON value cannot exceed 2 GB.");
        }
        buffer = Arrays.copyOf(buffer, (int) wanted);
    }
}
