package org.streamingest.functions.json;

import org.apache.flink.table.data.StringData;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.List;

/**
 * Navigates a SUPER value (canonical JSON text) the way Redshift's {@code a.b[0]} does: an
 * attribute of a non-object, an index into a non-array, a missing attribute or an index out of
 * bounds give SQL NULL; the value found comes back as SUPER (canonical JSON text, so a string keeps
 * its quotes and JSON null is {@code null}). Reading stops at the value found.
 */
public final class SuperNavigator {

    private final JsonCanonicalizer canonicalizer = JsonCanonicalizer.lenient();
    private final ByteSink sink = new ByteSink(256);

    /** The value at {@code path} in {@code superJson}, or null. */
    public StringData navigate(byte[] superJson, SuperPath path) throws InvalidJsonException {
        try (JsonParser parser = canonicalizer.open(superJson, 0, superJson.length)) {
            JsonToken token = JsonCanonicalizer.first(parser, superJson.length);
            List<Object> steps = path.steps();
            for (Object step : steps) {
                token =
                        step instanceof String name
                                ? attribute(parser, token, name)
                                : element(parser, token, (Integer) step);
                if (token == null) {
                    return null;
                }
            }
            sink.reset();
            canonicalizer.writeValue(parser, token, sink);
            return SuperValues.encode(sink.toByteArray());
        } catch (JsonProcessingException e) {
            throw JsonCanonicalizer.translate(e);
        } catch (IOException e) {
            throw new InvalidJsonException(String.valueOf(e.getMessage()), -1);
        }
    }

    /** Positions the parser on the value of attribute {@code name}; null if there is none. */
    private JsonToken attribute(JsonParser parser, JsonToken token, String name)
            throws IOException, InvalidJsonException {
        if (token != JsonToken.START_OBJECT) {
            return null;
        }
        for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
            boolean match = name.equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (match) {
                return value;
            }
            canonicalizer.skipValue(parser, value);
        }
        return null;
    }

    /** Positions the parser on element {@code index}; null if out of bounds or not an array. */
    private JsonToken element(JsonParser parser, JsonToken token, int index)
            throws IOException, InvalidJsonException {
        if (token != JsonToken.START_ARRAY) {
            return null;
        }
        int position = 0;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (t == null) {
                throw new InvalidJsonException("unexpected end of input", -1);
            }
            if (position++ == index) {
                return t;
            }
            canonicalizer.skipValue(parser, t);
        }
        return null;
    }
}
