package org.streamingest.functions.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.util.Arrays;

/**
 * Parses UTF-8 JSON in one pass with Jackson's streaming parser and, at the same time, writes its
 * canonical form: compact, attribute order kept, strings with only the escapes JSON requires,
 * numbers spelled as in the input. This is the text Redshift's JSON_SERIALIZE prints for the SUPER
 * value JSON_PARSE builds. Strings without escape sequences are copied byte for byte.
 *
 * <p>What Redshift's JSON_PARSE rejects is rejected here: anything that is not exactly one JSON
 * value (RFC 8259), duplicate attributes in one object, nesting deeper than 1,000, invalid UTF-8.
 *
 * <p>{@link FastJsonScanner} answers first, in one pass over the bytes, for the common case; this
 * class's Jackson path runs whenever the scanner is not sure, and always for invalid input, so
 * results and error messages (with offsets) are the Jackson path's.
 *
 * <p>Instances keep a reusable buffer and are not thread-safe; each function instance owns one.
 */
public final class JsonCanonicalizer {

    /** Jackson's factory, with Redshift's nesting and string limits. */
    static final JsonFactory FACTORY = factory();

    private final boolean rejectDuplicates;
    private final ByteSink sink = new ByteSink(1024);
    private final DuplicateNames names = new DuplicateNames();
    private final CanonicalWriter writer = new CanonicalWriter(this);
    private final FastJsonScanner scanner;

    private byte[] in;
    private int base;
    private int end;
    private boolean escapes;

    private JsonCanonicalizer(boolean rejectDuplicates) {
        this.rejectDuplicates = rejectDuplicates;
        this.scanner = new FastJsonScanner(rejectDuplicates);
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
        // The byte scanner answers for the common case; the Jackson path for everything else,
        // including every error (its messages and offsets).
        byte[] fast = scanner.canonicalize(in, offset, length);
        return fast != null ? fast : canonicalizeWithJackson(in, offset, length);
    }

    /** {@link #canonicalize} without the byte scanner; the reference it is tested against. */
    byte[] canonicalizeWithJackson(byte[] in, int offset, int length) throws InvalidJsonException {
        byte[] canonical;
        try (JsonParser parser = open(in, offset, length)) {
            JsonToken root = first(parser, length);
            sink.reset();
            long range = writer.write(parser, root, in, offset, offset + length, escapes, sink);
            expectEnd(parser);
            // Most input is canonical already: then the text is one copy of its range.
            canonical =
                    range >= 0
                            ? Arrays.copyOfRange(in, (int) (range >>> 32), (int) range)
                            : sink.toByteArray();
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (IOException e) {
            throw new InvalidJsonException(String.valueOf(e.getMessage()), -1);
        }
        if (canonical.length > JsonLimits.MAX_SUPER_BYTES) {
            throw new InvalidJsonException(
                    "the value takes "
                            + canonical.length
                            + " bytes, more than Redshift's 16 MB limit for one SUPER value",
                    -1);
        }
        return canonical;
    }

    /** The first token of the document if it is valid JSON, else {@code null}. */
    public JsonToken validRoot(byte[] in, int offset, int length) {
        try {
            return walkDocument(in, offset, length);
        } catch (InvalidJsonException e) {
            return null;
        }
    }

    /** Whether {@link #canonicalize} would succeed, without producing output. */
    public boolean isValid(byte[] in, int offset, int length) {
        return scanner.accepts(in, offset, length) || validRoot(in, offset, length) != null;
    }

    /**
     * A parser over the given bytes, after the checks Jackson does not make: strict UTF-8 (no
     * overlong forms or surrogates) and no UTF-16/32 look-alikes.
     */
    JsonParser open(byte[] in, int offset, int length) throws InvalidJsonException, IOException {
        checkStart(in, offset, length);
        escapes = Utf8.validate(in, offset, length);
        this.in = in;
        this.base = offset;
        this.end = offset + length;
        return FACTORY.createParser(in, offset, length);
    }

    private JsonToken walkDocument(byte[] in, int offset, int length) throws InvalidJsonException {
        try (JsonParser parser = open(in, offset, length)) {
            JsonToken root = first(parser, length);
            skipValue(parser, root);
            expectEnd(parser);
            return root;
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (IOException e) {
            throw new InvalidJsonException(String.valueOf(e.getMessage()), -1);
        }
    }

    /** The first token; fails for input that holds none. */
    static JsonToken first(JsonParser parser, int length) throws IOException, InvalidJsonException {
        JsonToken root = parser.nextToken();
        if (root == null) {
            throw new InvalidJsonException(
                    length == 0 ? "the input is empty" : "the input holds only whitespace", length);
        }
        return root;
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

    /** Consumes the value that starts with {@code first} and appends its canonical text. */
    void writeValue(JsonParser parser, JsonToken first, ByteSink out)
            throws IOException, InvalidJsonException {
        long range = writer.write(parser, first, in, base, end, escapes, out);
        if (range >= 0) {
            int from = (int) (range >>> 32);
            out.write(in, from, (int) range - from);
        }
    }

    /** A new object opens at {@code depth}. */
    void openObject(int depth) {
        if (rejectDuplicates) {
            names.open(depth);
        }
    }

    /** The current attribute name, checked to be new in its object if duplicates are rejected. */
    String checkName(JsonParser parser, int depth) throws IOException, InvalidJsonException {
        return rejectDuplicates ? checkDuplicate(parser, depth) : parser.currentName();
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
        // Interned names let DuplicateNames and the name cache compare by identity.
        return JsonFactory.builder()
                .enable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .enable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .streamReadConstraints(constraints)
                .build();
    }
}
