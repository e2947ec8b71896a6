package org.streamingest.functions.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

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

    /** Jackson's factory, with Redshift's nesting and string limits. */
    static final JsonFactory FACTORY = factory();

    /** Canonical {@code "name":} bytes of attribute names seen lately (names are canonical). */
    private static final int MAX_CACHED_NAMES = 4096;

    private final boolean rejectDuplicates;
    private final ByteSink sink = new ByteSink(1024);
    private final DuplicateNames names = new DuplicateNames();
    private final Map<String, byte[]> nameBytes = new IdentityHashMap<>();
    private final ByteSink nameSink = new ByteSink(64);

    private byte[] in;
    private int base;
    private int end;
    private ByteSink out;

    private JsonCanonicalizer(boolean rejectDuplicates) {
        this.rejectDuplicates = rejectDuplicates;
    }

    /** A canonicalizer with JSON_PARSE's rules. */
    public static JsonCanonicalizer strict() {
        return new JsonCanonicalizer(true);
    }

    /** A canonicalizer that lets duplicate attributes through (the text-based JSON functions). */
    public static JsonCanonicalizer lenient() {
        return new JsonCanonicalizer(false);
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

    /**
     * A parser over the given bytes, after the checks Jackson does not make: strict UTF-8 (no
     * overlong forms or surrogates) and no UTF-16/32 look-alikes.
     */
    JsonParser open(byte[] in, int offset, int length) throws InvalidJsonException, IOException {
        checkStart(in, offset, length);
        Utf8.validate(in, offset, length);
        this.in = in;
        this.base = offset;
        this.end = offset + length;
        return FACTORY.createParser(in, offset, length);
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
            if (out == null) {
                skipValue(parser, root);
            } else {
                writeValue(parser, root, out);
            }
            expectEnd(parser);
            return root;
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (IOException e) {
            throw new InvalidJsonException(String.valueOf(e.getMessage()), -1);
        }
    }

    /**
     * Consumes the value that starts with {@code first}, checking only what the parser does not:
     * duplicate attributes. The tight loop of CAN_JSON_PARSE.
     */
    void skipValue(JsonParser parser, JsonToken first) throws IOException, InvalidJsonException {
        int depth = 0;
        JsonToken token = first;
        do {
            if (token == JsonToken.FIELD_NAME) {
                if (rejectDuplicates) {
                    checkDuplicate(parser, depth);
                }
            } else if (token == JsonToken.START_OBJECT) {
                depth++;
                if (rejectDuplicates) {
                    names.open(depth);
                }
            } else if (token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
        } while (token != null);
        throw new InvalidJsonException(
                "unexpected end of input", parser.currentLocation().getByteOffset());
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
                    if (rejectDuplicates) {
                        names.open(depth);
                    }
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
                    writeName(parser, depth);
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

    private void writeName(JsonParser parser, int depth) throws IOException, InvalidJsonException {
        String name = rejectDuplicates ? checkDuplicate(parser, depth) : parser.currentName();
        if (out == null) {
            return;
        }
        byte[] bytes = nameBytes.get(name);
        if (bytes == null) {
            nameSink.reset();
            JsonStrings.write(name.toCharArray(), 0, name.length(), nameSink);
            nameSink.write((byte) ':');
            bytes = nameSink.toByteArray();
            if (nameBytes.size() >= MAX_CACHED_NAMES) {
                nameBytes.clear();
            }
            nameBytes.put(name, bytes);
        }
        out.write(bytes, 0, bytes.length);
    }

    /** The current attribute name, after checking it is new in its object. */
    private String checkDuplicate(JsonParser parser, int depth)
            throws IOException, InvalidJsonException {
        String name = parser.currentName();
        if (!names.add(depth, name)) {
            throw new InvalidJsonException(
                    "duplicate attribute \""
                            + name
                            + "\" in one object (Redshift's JSON_PARSE rejects duplicate"
                            + " attributes)",
                    parser.currentTokenLocation().getByteOffset());
        }
        return name;
    }

    private void writeString(JsonParser parser) throws IOException, InvalidJsonException {
        if (out == null) {
            return; // the parser validates the string when it skips it
        }
        // Jackson's offset of the token is the byte after the opening quote; reading it this way
        // allocates no JsonLocation per string.
        int quote = base + (int) ((ParserBase) parser).getTokenCharacterOffset() - 1;
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
        int marker = message.indexOf(" (start marker at");
        if (marker > 0) {
            message = message.substring(0, marker);
        }
        return new InvalidJsonException(message, offset);
    }

    private static JsonFactory factory() {
        StreamReadConstraints constraints =
                StreamReadConstraints.builder()
                        .maxNestingDepth(JsonLimits.MAX_NESTING_DEPTH)
                        .maxStringLength(JsonLimits.MAX_STRING_BYTES)
                        .build();
        return JsonFactory.builder().streamReadConstraints(constraints).build();
    }
}
