package org.streamingest.functions.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;

import java.io.IOException;

/**
 * Writes the canonical text of one JSON value while the parser reads it. As long as the input is
 * already canonical (no insignificant whitespace, no escape sequences, which is what most producers
 * emit) nothing is written: the walk only checks that each token starts where the canonical text
 * would put it, and the input range is copied once at the end. At the first deviation the canonical
 * prefix is copied and the rest is written token by token.
 */
final class CanonicalWriter {

    /** Slots of the cache of canonical {@code "name":} bytes (a power of two). */
    private static final int NAME_SLOTS = 1024;

    private final JsonCanonicalizer owner;
    private final String[] cachedNames = new String[NAME_SLOTS];
    private final byte[][] cachedNameBytes = new byte[NAME_SLOTS][];
    private final ByteSink nameSink = new ByteSink(64);

    private ParserBase parser;
    private byte[] in;
    private int base;
    private int end;
    private ByteSink out;

    /** Length of a string whose end is not known yet. */
    private static final int UNKNOWN = -1;

    /** Length of a string that holds an escape sequence, so is not canonical as spelled. */
    private static final int ESCAPED = -2;

    private boolean escapes;
    private int depth;
    private boolean firstInContainer;
    private boolean afterName;

    /** End of the canonical text read so far, unless a string is open. */
    private int previousEnd;

    /** Start of the last string value if its end is not known yet, else -1. */
    private int openString;

    CanonicalWriter(JsonCanonicalizer owner) {
        this.owner = owner;
    }

    /**
     * Consumes the value starting with {@code first} and appends its canonical text; returns the
     * input range {@code [from, to)} instead (packed in a long) when that range is the canonical
     * text already, so the caller can copy it once. Returns -1 when it has written the text.
     *
     * @param escapes whether the input holds any backslash; without one, strings need no scan
     */
    long write(
            JsonParser parser,
            JsonToken first,
            byte[] in,
            int base,
            int end,
            boolean escapes,
            ByteSink out)
            throws IOException, InvalidJsonException {
        this.parser = (ParserBase) parser;
        this.in = in;
        this.base = base;
        this.end = end;
        this.escapes = escapes;
        this.out = out;
        depth = 0;
        firstInContainer = true;
        afterName = false;
        int from = position();
        previousEnd = from;
        openString = -1;
        JsonToken token = first;
        while (canonicalAt(parser, token)) {
            if (depth == 0) {
                return (long) from << 32 | closeOpenString();
            }
            token = next(parser);
        }
        // The input stops being canonical at this token: copy what was, write the rest.
        int canonicalEnd = closeOpenString();
        out.write(in, from, canonicalEnd - from);
        boolean nameChecked = token == JsonToken.FIELD_NAME;
        while (true) {
            writeToken(parser, token, nameChecked);
            nameChecked = false;
            if (depth == 0) {
                return -1;
            }
            token = next(parser);
        }
    }

    /**
     * Whether the token sits right where canonical text puts it (after the previous token and the
     * comma if one is due) and is spelled canonically; advances the state if so. An attribute name
     * is checked for duplicates either way.
     */
    private boolean canonicalAt(JsonParser parser, JsonToken token)
            throws IOException, InvalidJsonException {
        boolean closing = token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY;
        int separator = closing || afterName || firstInContainer ? 0 : 1;
        int position = position();
        int start;
        int length;
        if (token == JsonToken.FIELD_NAME) {
            // The parser has read ahead to the value: its position closes the name's span, which
            // must end with the name's quote and the colon.
            byte[] name = nameBytes(owner.checkName(parser, depth));
            length = name.length;
            start = position - length;
            if (in[position - 1] != ':'
                    || in[position - 2] != '"'
                    || (escapes && !spelledAs(start, name))) {
                return false;
            }
        } else {
            start = position;
            length = tokenLength(parser, token, start);
            if (length == ESCAPED) {
                return false;
            }
        }
        if (!follows(start, separator)) {
            return false;
        }
        advance(token);
        // a string left open ends right before this token's separator: nothing to remember
        openString = length == UNKNOWN ? start : -1;
        previousEnd = start + length;
        return true;
    }

    /**
     * Whether a token at {@code start} follows the previous one with exactly the separator between.
     * After a string whose end is not known yet, the byte before the separator must be its closing
     * quote: with no backslash in the input no other quote can be there.
     */
    private boolean follows(int start, int separator) {
        if (openString < 0) {
            return start == previousEnd + separator;
        }
        int quote = start - separator - 1;
        return quote > openString && in[quote] == '"' && (separator == 0 || in[start - 1] == ',');
    }

    /** Ends the open string (a scan, needed at most once per value); returns the text's end. */
    private int closeOpenString() throws InvalidJsonException {
        if (openString >= 0) {
            previousEnd = JsonStrings.scanRaw(in, openString, end) + 1;
            openString = -1;
        }
        return previousEnd;
    }

    /**
     * Bytes of the token at {@code start} as spelled; {@link #UNKNOWN} for a string in input
     * without escapes (its end shows at the next token), {@link #ESCAPED} for a string that holds
     * an escape sequence.
     */
    private int tokenLength(JsonParser parser, JsonToken token, int start)
            throws IOException, InvalidJsonException {
        return switch (token) {
            case VALUE_STRING -> {
                if (!escapes) {
                    yield UNKNOWN;
                }
                int close = JsonStrings.scanRaw(in, start, end);
                yield close < 0 ? ESCAPED : close - start + 1;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getTextLength();
            case VALUE_TRUE, VALUE_NULL -> 4;
            case VALUE_FALSE -> 5;
            default -> 1;
        };
    }

    /** The state after a token: nesting depth, and whether a comma or nothing comes next. */
    private void advance(JsonToken token) {
        switch (token) {
            case START_OBJECT -> {
                depth++;
                owner.openObject(depth);
                firstInContainer = true;
                afterName = false;
            }
            case START_ARRAY -> {
                depth++;
                firstInContainer = true;
                afterName = false;
            }
            case END_OBJECT, END_ARRAY -> {
                depth--;
                firstInContainer = false;
            }
            case FIELD_NAME -> {
                afterName = true;
                firstInContainer = false;
            }
            default -> {
                afterName = false;
                firstInContainer = false;
            }
        }
    }

    /** Writes one token of non-canonical input in canonical form. */
    private void writeToken(JsonParser parser, JsonToken token, boolean nameChecked)
            throws IOException, InvalidJsonException {
        boolean closing = token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY;
        if (!closing && !afterName && !firstInContainer) {
            out.write((byte) ',');
        }
        switch (token) {
            case START_OBJECT -> out.write((byte) '{');
            case START_ARRAY -> out.write((byte) '[');
            case END_OBJECT -> out.write((byte) '}');
            case END_ARRAY -> out.write((byte) ']');
            case FIELD_NAME -> {
                String name = nameChecked ? parser.currentName() : owner.checkName(parser, depth);
                byte[] bytes = nameBytes(name);
                out.write(bytes, 0, bytes.length);
            }
            case VALUE_STRING -> writeString(parser);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    out.writeAscii(
                            parser.getTextCharacters(),
                            parser.getTextOffset(),
                            parser.getTextLength());
            case VALUE_TRUE -> out.writeAscii("true");
            case VALUE_FALSE -> out.writeAscii("false");
            case VALUE_NULL -> out.writeAscii("null");
            default ->
                    throw new InvalidJsonException(
                            "unexpected token " + token, parser.currentLocation().getByteOffset());
        }
        advance(token);
    }

    private static JsonToken next(JsonParser parser) throws IOException, InvalidJsonException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new InvalidJsonException(
                    "unexpected end of input", parser.currentLocation().getByteOffset());
        }
        return token;
    }

    /**
     * Whether the input at {@code start} holds these bytes; a plain loop beats the vectorized
     * comparison for names a few bytes long.
     */
    private boolean spelledAs(int start, byte[] bytes) {
        for (int k = 0; k < bytes.length; k++) {
            if (in[start + k] != bytes[k]) {
                return false;
            }
        }
        return true;
    }

    /** Where the current token (for an attribute name: its value) starts in {@code in}. */
    private int position() {
        // Jackson counts from the byte after the token's first byte; reading the offset this way
        // allocates no JsonLocation.
        return base + (int) this.parser.getTokenCharacterOffset() - 1;
    }

    private void writeString(JsonParser parser) throws IOException, InvalidJsonException {
        int quote = position();
        int close = JsonStrings.scanRaw(in, quote, end);
        if (close >= 0) {
            out.write(in, quote, close - quote + 1);
        } else {
            JsonStrings.write(
                    parser.getTextCharacters(),
                    parser.getTextOffset(),
                    parser.getTextLength(),
                    out);
        }
    }

    /**
     * The canonical {@code "name":} bytes. Names repeat from record to record and the parser
     * interns them: a direct-mapped cache keyed by identity makes this a lookup.
     */
    private byte[] nameBytes(String name) {
        int slot = name.hashCode() & (NAME_SLOTS - 1);
        if (cachedNames[slot] != name) {
            nameSink.reset();
            JsonStrings.write(name.toCharArray(), 0, name.length(), nameSink);
            nameSink.write((byte) ':');
            cachedNames[slot] = name;
            cachedNameBytes[slot] = nameSink.toByteArray();
        }
        return cachedNameBytes[slot];
    }
}
