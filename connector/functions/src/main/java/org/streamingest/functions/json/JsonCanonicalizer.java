package org.streamingest.functions.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;

/**
 * Parses UTF-8 JSON in one pass with Jackson's streaming parser and, at the same time, writes its
 * canonical form: compact, attribute order kept, strings with only the escapes JSON requires,
 * numbers spelled as in the input. This is the text Redshift's JSON_SERIALIZE prints for the SUPER
 * value JSON_PARSE builds. Strings without escape sequences are copied byte for byte.
 *
 * <p>What Redshift's JSON_PARSE rejects is rejected here: anything that is not exactly one JSON
 * value (RFC 8259), duplicate attributes in one object, nesting deeper than 1,000, invalid UTF-8.
 *
 * <p>Instances keep a reusable buffer and are not thread-safe; each function instance owns one.
 */
public final class JsonCanonicalizer {

    /** Rejects duplicate attributes, as JSON_PARSE does by default. */
    static final JsonFactory STRICT = factory(true);

    /** Accepts duplicate attributes, as the text-based JSON functions do. */
    static final JsonFactory LENIENT = factory(false);

    private final JsonFactory factory;
    private final ByteSink sink = new ByteSink(1024);

    private byte[] in;
    private int base;
    private int end;
    private ByteSink out;

    private JsonCanonicalizer(JsonFactory factory) {
        this.factory = factory;
    }

    /** A canonicalizer with JSON_PARSE's rules. */
    public static JsonCanonicalizer strict() {
        return new JsonCanonicalizer(STRICT);
    }

    /** A canonicalizer that lets duplicate attributes through (the text-based JSON functions). */
    public static JsonCanonicalizer lenient() {
        return new JsonCanonicalizer(LENIENT);
    }

    /** The canonical JSON text of {@code in[offset, offset + length)}, as UTF-8 bytes. */
    public byte[] canonicalize(byte[] in, int offset, int length) throws InvalidJsonException {
        sink.reset();
        walkDocument(in, offset, length, sink);
        if (sink.size() > JsonLimits.MAX_SUPER_BYTES) {
            throw new InvalidJsonException(
                    "the value takes "
                            + sink.size()
                            + " bytes, more than Redshift's 16 MB limit for one SUPER value",
                    -1);
        }
        return sink.toByteArray();
    }

    /** The first token of the document if it is valid JSON, else {@code null}. */
    public JsonToken validRoot(byte[] in, int offset, int length) {
        try {
            return walkDocument(in, offset, length, null);
        } catch (InvalidJsonException e) {
            return null;
        }
    }

    /** Whether {@link #canonicalize} would succeed, without producing output. */
    public boolean isValid(byte[] in, int offset, int length) {
        return validRoot(in, offset, length) != null;
    }

    /** A parser over the given bytes, created after the checks Jackson's bootstrapping skips. */
    JsonParser open(byte[] in, int offset, int length) throws InvalidJsonException, IOException {
        checkStart(in, offset, length);
        this.in = in;
        this.base = offset;
        this.end = offset + length;
        return factory.createParser(in, offset, length);
    }

    private JsonToken walkDocument(byte[] in, int offset, int length, ByteSink out)
            throws InvalidJsonException {
        try (JsonParser parser = open(in, offset, length)) {
            JsonToken root = parser.nextToken();
            if (root == null) {
                throw new InvalidJsonException(
                        length == 0 ? "the input is empty" : "the input holds only whitespace",
                        length);
            }
            writeValue(parser, root, out);
            expectEnd(parser);
            return root;
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (IOException e) {
            throw new InvalidJsonException(String.valueOf(e.getMessage()), -1);
        }
    }

    /** Fails unless the parser is at the end of the input. */
    static void expectEnd(JsonParser parser) throws IOException, InvalidJsonException {
        JsonToken extra = parser.nextToken();
        if (extra != null) {
            throw new InvalidJsonException(
                    "unexpected " + extra.asString() + " after the end of the JSON value",
                    parser.currentTokenLocation().getByteOffset());
        }
    }

    /**
     * Consumes the value that starts with {@code first} (a scalar or a whole container) and writes
     * its canonical text to {@code out}; with {@code out == null} it only validates.
     */
    void writeValue(JsonParser parser, JsonToken first, ByteSink out)
            throws IOException, InvalidJsonException {
        this.out = out;
        int depth = 0;
        boolean firstInContainer = true;
        boolean afterName = false;
        JsonToken token = first;
        while (true) {
            if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                if (afterName) {
                    afterName = false;
                } else if (!firstInContainer) {
                    put((byte) ',');
                }
                firstInContainer = false;
            }
            switch (token) {
                case START_OBJECT -> {
                    put((byte) '{');
                    depth++;
                    firstInContainer = true;
                }
                case START_ARRAY -> {
                    put((byte) '[');
                    depth++;
                    firstInContainer = true;
                }
                case END_OBJECT -> {
                    put((byte) '}');
                    depth--;
                }
                case END_ARRAY -> {
                    put((byte) ']');
                    depth--;
                }
                case FIELD_NAME -> {
                    writeName(parser);
                    afterName = true;
                }
                case VALUE_STRING -> writeString(parser);
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    if (out != null) {
                        out.writeAscii(
                                parser.getTextCharacters(),
                                parser.getTextOffset(),
                                parser.getTextLength());
                    }
                }
                case VALUE_TRUE -> putAscii("true");
                case VALUE_FALSE -> putAscii("false");
                case VALUE_NULL -> putAscii("null");
                default ->
                        throw new InvalidJsonException(
                                "unexpected token " + token,
                                parser.currentLocation().getByteOffset());
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
            if (token == null) {
                throw new InvalidJsonException(
                        "unexpected end of input", parser.currentLocation().getByteOffset());
            }
        }
    }

    private void writeName(JsonParser parser) throws IOException, InvalidJsonException {
        char[] name = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        long position = parser.currentTokenLocation().getByteOffset();
        if (out != null) {
            JsonStrings.write(name, offset, length, out, position);
            out.write((byte) ':');
        } else {
            JsonStrings.checkUnicode(name, offset, length, position);
        }
    }

    private void writeString(JsonParser parser) throws IOException, InvalidJsonException {
        long tokenOffset = parser.currentTokenLocation().getByteOffset();
        int quote = base + (int) tokenOffset;
        int close = JsonStrings.scanRaw(in, quote, end);
        if (close >= 0) {
            if (out != null) {
                out.write(in, quote, close - quote + 1);
            }
            return;
        }
        char[] text = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        if (out != null) {
            JsonStrings.write(text, offset, length, out, tokenOffset);
        } else {
            JsonStrings.checkUnicode(text, offset, length, tokenOffset);
        }
    }

    private void put(byte b) {
        if (out != null) {
            out.write(b);
        }
    }

    private void putAscii(String literal) {
        if (out != null) {
            out.writeAscii(literal);
        }
    }

    /**
     * Jackson would read input starting with a NUL byte or a UTF-16/32 byte-order mark as UTF-16 or
     * UTF-32; Redshift reads JSON as UTF-8 only, where such input is invalid.
     */
    private static void checkStart(byte[] in, int offset, int length) throws InvalidJsonException {
        if (length > 0 && ((in[offset] & 0xFF) == 0xFE || (in[offset] & 0xFF) == 0xFF)) {
            throw new InvalidJsonException(
                    "invalid UTF-8 byte 0x" + Integer.toHexString(in[offset] & 0xFF), 0);
        }
        for (int i = 0; i < Math.min(4, length); i++) {
            if (in[offset + i] == 0) {
                throw new InvalidJsonException("unexpected NUL byte", i);
            }
        }
    }

    static InvalidJsonException translate(JsonProcessingException e) {
        long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
        if (e instanceof StreamConstraintsException && e.getMessage().contains("nesting depth")) {
            return new InvalidJsonException(
                    "nesting is deeper than Redshift's SUPER limit of "
                            + JsonLimits.MAX_NESTING_DEPTH
                            + " levels",
                    offset);
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field '")) {
            String name = message.substring("Duplicate field '".length(), message.length() - 1);
            return new InvalidJsonException(
                    "duplicate attribute \""
                            + name
                            + "\" in one object (Redshift's JSON_PARSE rejects duplicate"
                            + " attributes)",
                    offset);
        }
        int marker = message.indexOf(" (start marker at");
        if (marker > 0) {
            message = message.substring(0, marker);
        }
        return new InvalidJsonException(message, offset);
    }

    private static JsonFactory factory(boolean rejectDuplicates) {
        StreamReadConstraints constraints =
                StreamReadConstraints.builder()
                        .maxNestingDepth(JsonLimits.MAX_NESTING_DEPTH)
                        .maxStringLength(JsonLimits.MAX_STRING_BYTES)
                        .build();
        return JsonFactory.builder()
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, rejectDuplicates)
                .streamReadConstraints(constraints)
                .build();
    }
}
