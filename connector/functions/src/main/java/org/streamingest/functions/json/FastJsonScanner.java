package org.streamingest.functions.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A single-pass, byte-level JSON scanner for the common case: it validates structure, strict UTF-8,
 * escape sequences, the nesting limit and (optionally) duplicate attributes, and compacts
 * whitespace away while it reads, without Jackson's tokenizer and without allocating.
 *
 * <p>It only ever <em>accepts</em>: whatever it is not sure about (any error, an attribute name
 * with an escape sequence when duplicates are checked, a string value with an escape sequence when
 * output is wanted, anything near a limit) makes it answer "not sure", and {@link
 * JsonCanonicalizer} then runs its Jackson path, which produces the exact result or error. So its
 * accepting answers must always match that path; {@code FastJsonScannerTest} checks that.
 */
final class FastJsonScanner {

    /** Returned by the scanning methods when the scanner bails out to the Jackson path. */
    private static final int UNSURE = -1;

    /** Conservative bounds, well below the limits Jackson or Redshift enforce. */
    private static final int MAX_STRING = 1_000_000;

    private static final int MAX_NAME = 10_000;
    private static final int MAX_KEYS = 1_024;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    private final boolean rejectDuplicates;
    private final ByteSink out = new ByteSink(1024);

    private byte[] in;
    private int end;
    private boolean output;
    private boolean rewritten;
    private int copied;
    private boolean escaped;

    private final NameSlices names = new NameSlices();
    private final EscapedStrings strings = new EscapedStrings();

    FastJsonScanner(boolean rejectDuplicates) {
        this.rejectDuplicates = rejectDuplicates;
    }

    /** Whether the input is one valid JSON value; false means "not sure", never "invalid". */
    boolean accepts(byte[] in, int offset, int length) {
        return scan(in, offset, length, false);
    }

    /** The canonical text of the input, or {@code null} when not sure. */
    byte[] canonicalize(byte[] in, int offset, int length) {
        if (!scan(in, offset, length, true)) {
            return null;
        }
        if (!rewritten) {
            return Arrays.copyOfRange(in, offset, offset + length);
        }
        out.write(in, copied, offset + length - copied);
        return out.toByteArray();
    }

    private boolean scan(byte[] in, int offset, int length, boolean output) {
        if (length > JsonLimits.MAX_SUPER_BYTES) {
            return false;
        }
        this.in = in;
        this.end = offset + length;
        this.output = output;
        rewritten = false;
        copied = offset;
        names.clear();
        out.reset();
        int i = space(offset);
        if (i >= end) {
            return false;
        }
        try {
            i = value(i, 0);
        } catch (StackOverflowError e) {
            // nesting recurses up to 1,000 levels; a thread with a tiny stack leaves it to Jackson
            return false;
        }
        return i >= 0 && space(i) == end;
    }

    private int value(int i, int depth) {
        byte b = in[i];
        if (b == '"') {
            int close = string(i, MAX_STRING);
            if (escaped && output && close >= 0) {
                rewrite(i, close);
            }
            return close;
        }
        if (b == '{') {
            return object(i + 1, depth + 1);
        }
        if (b == '[') {
            return array(i + 1, depth + 1);
        }
        if (b == 't') {
            return JsonLexemes.literal(in, end, i, 't', 'r', 'u', 'e');
        }
        if (b == 'f') {
            return JsonLexemes.literal(in, end, i + 1, 'a', 'l', 's', 'e');
        }
        if (b == 'n') {
            return JsonLexemes.literal(in, end, i, 'n', 'u', 'l', 'l');
        }
        return JsonLexemes.number(in, i, end);
    }

    private int object(int i, int depth) {
        if (depth > JsonLimits.MAX_NESTING_DEPTH) {
            return UNSURE;
        }
        i = space(i);
        if (i < end && in[i] == '}') {
            return i + 1;
        }
        int base = names.top();
        long filter = 0;
        while (true) {
            if (i >= end || in[i] != '"') {
                return UNSURE;
            }
            int close = string(i, MAX_NAME);
            if (close < 0 || (escaped && rejectDuplicates)) {
                return UNSURE;
            }
            if (rejectDuplicates) {
                if (names.top() - base >= MAX_KEYS) {
                    return UNSURE;
                }
                int hash = names.hash(in, i + 1, close - i - 2, end);
                long bit = 1L << hash;
                if ((filter & bit) != 0 && names.seen(in, base, i + 1, close - i - 2, hash)) {
                    return UNSURE;
                }
                filter |= bit;
                names.push(i + 1, close - i - 2, hash);
            } else if (escaped && output) {
                rewrite(i, close);
            }
            i = space(close);
            if (i >= end || in[i] != ':') {
                return UNSURE;
            }
            i = space(i + 1);
            if (i >= end || (i = value(i, depth)) < 0) {
                return UNSURE;
            }
            i = space(i);
            if (i >= end) {
                return UNSURE;
            }
            if (in[i] == '}') {
                names.pop(base);
                return i + 1;
            }
            if (in[i] != ',') {
                return UNSURE;
            }
            i = space(i + 1);
        }
    }

    private int array(int i, int depth) {
        if (depth > JsonLimits.MAX_NESTING_DEPTH) {
            return UNSURE;
        }
        i = space(i);
        if (i < end && in[i] == ']') {
            return i + 1;
        }
        while (true) {
            if (i >= end || (i = value(i, depth)) < 0) {
                return UNSURE;
            }
            i = space(i);
            if (i >= end) {
                return UNSURE;
            }
            if (in[i] == ']') {
                return i + 1;
            }
            if (in[i] != ',') {
                return UNSURE;
            }
            i = space(i + 1);
        }
    }

    /**
     * Scans the string whose opening quote is at {@code quote}; returns the offset after its
     * closing quote and sets {@link #escaped} to whether it holds an escape sequence.
     */
    private int string(int quote, int maxBytes) {
        escaped = false;
        int i = quote + 1;
        while (true) {
            if (i + 8 <= end) {
                long special = special((long) LONGS.get(in, i));
                if (special == 0) {
                    i += 8;
                    continue;
                }
                // the lowest flagged byte is a true hit: borrows only run upwards
                i += Long.numberOfTrailingZeros(special) >>> 3;
            } else if (i >= end) {
                return UNSURE;
            }
            byte b = in[i];
            if (b == '"') {
                return i - quote - 1 > maxBytes ? UNSURE : i + 1;
            } else if (b == '\\') {
                escaped = true;
                i = JsonLexemes.escape(in, i, end);
            } else if (b < 0) {
                i = utf8(i);
            } else if (b < 0x20) {
                return UNSURE;
            } else {
                i++;
            }
            if (i < 0) {
                return UNSURE;
            }
        }
    }

    /**
     * The high bits of the bytes of {@code w} that are a quote, a backslash, a control or a
     * non-ASCII byte (bytes above the lowest such one may be flagged falsely).
     */
    private static long special(long w) {
        long quote = w ^ 0x2222222222222222L;
        long slash = w ^ 0x5C5C5C5C5C5C5C5CL;
        long special =
                ((quote - ONES) & ~quote)
                        | ((slash - ONES) & ~slash)
                        | (w - 0x2020202020202020L)
                        | w;
        return special & HIGH;
    }

    private int utf8(int i) {
        try {
            return i + Utf8.sequenceLength(in, i, end);
        } catch (InvalidJsonException e) {
            return UNSURE;
        }
    }

    /** Writes the string {@code in[quote, close)} that holds escape sequences canonically. */
    private void rewrite(int quote, int close) {
        out.write(in, copied, quote - copied);
        strings.writeCanonical(in, quote + 1, close - 1, out);
        copied = close;
        rewritten = true;
    }

    /** Skips whitespace; when writing output, leaves it out of the canonical text. */
    private int space(int i) {
        if (i >= end || !isSpace(in[i])) {
            return i;
        }
        int from = i;
        do {
            i++;
        } while (i < end && isSpace(in[i]));
        if (output) {
            out.write(in, copied, from - copied);
            copied = i;
            rewritten = true;
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
