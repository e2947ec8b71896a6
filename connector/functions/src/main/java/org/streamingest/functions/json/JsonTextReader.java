package org.streamingest.functions.json;

import org.apache.flink.table.data.StringData;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads JSON text the way Redshift's text-based JSON functions (JSON_EXTRACT_PATH_TEXT,
 * JSON_EXTRACT_ARRAY_ELEMENT_TEXT, JSON_ARRAY_LENGTH) do: the whole input must be valid JSON even
 * if the wanted value comes early; a string value comes back without quotes, a number or boolean as
 * spelled, an object or array as canonical JSON, JSON null and missing values as SQL NULL. A
 * repeated attribute counts with its last occurrence.
 */
public final class JsonTextReader {

    private final JsonCanonicalizer canonicalizer = JsonCanonicalizer.lenient();
    private final ByteSink sink = new ByteSink(256);

    /** The value found by following object attributes {@code path}, or null. */
    public StringData extractPath(byte[] in, String[] path) throws InvalidJsonException {
        try (JsonParser parser = canonicalizer.open(in, 0, in.length)) {
            JsonToken root = JsonCanonicalizer.first(parser, in.length);
            if (root != JsonToken.START_OBJECT) {
                canonicalizer.skipValue(parser, root);
                JsonCanonicalizer.expectEnd(parser);
                throw new InvalidJsonException("the JSON value is not an object", 0);
            }
            StringData found = walkObject(parser, path, 0);
            JsonCanonicalizer.expectEnd(parser);
            return found;
        } catch (JsonProcessingException e) {
            throw JsonCanonicalizer.translate(e);
        } catch (IOException e) {
            throw new InvalidJsonException(String.valueOf(e.getMessage()), -1);
        }
    }

    /** Element {@code position} (zero-based) of the outermost array, or null if out of bounds. */
    public StringData arrayElement(byte[] in, int position) throws InvalidJsonException {
        try (JsonParser parser = openArray(in)) {
            StringData found = null;
            int index = 0;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = next(parser)) {
                if (index++ == position) {
                    found = capture(parser, t);
                } else {
                    canonicalizer.skipValue(parser, t);
                }
            }
            JsonCanonicalizer.expectEnd(parser);
            return found;
        } catch (JsonProcessingException e) {
            throw JsonCanonicalizer.translate(e);
        } catch (IOException e) {
            throw new InvalidJsonException(String.valueOf(e.getMessage()), -1);
        }
    }

    /** The number of elements of the outermost array. */
    public int arrayLength(byte[] in) throws InvalidJsonException {
        try (JsonParser parser = openArray(in)) {
            int count = 0;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = next(parser)) {
                canonicalizer.skipValue(parser, t);
                count++;
            }
            JsonCanonicalizer.expectEnd(parser);
            return count;
        } catch (JsonProcessingException e) {
            throw JsonCanonicalizer.translate(e);
        } catch (IOException e) {
            throw new InvalidJsonException(String.valueOf(e.getMessage()), -1);
        }
    }

    private JsonParser openArray(byte[] in) throws InvalidJsonException, IOException {
        JsonParser parser = canonicalizer.open(in, 0, in.length);
        JsonToken root = JsonCanonicalizer.first(parser, in.length);
        if (root != JsonToken.START_ARRAY) {
            canonicalizer.skipValue(parser, root);
            JsonCanonicalizer.expectEnd(parser);
            parser.close();
            throw new InvalidJsonException("the JSON value is not an array", 0);
        }
        return parser;
    }

    /** Inside an object: follows the attribute {@code path[index]}, skipping everything else. */
    private StringData walkObject(JsonParser parser, String[] path, int index)
            throws IOException, InvalidJsonException {
        StringData found = null;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!name.equals(path[index])) {
                canonicalizer.skipValue(parser, value);
            } else if (index == path.length - 1) {
                found = capture(parser, value);
            } else if (value == JsonToken.START_OBJECT) {
                found = walkObject(parser, path, index + 1);
            } else {
                canonicalizer.skipValue(parser, value);
                found = null;
            }
        }
        return found;
    }

    private StringData capture(JsonParser parser, JsonToken token)
            throws IOException, InvalidJsonException {
        switch (token) {
            case VALUE_NULL:
                return null;
            case START_OBJECT:
            case START_ARRAY:
                sink.reset();
                canonicalizer.writeValue(parser, token, sink);
                return StringData.fromBytes(sink.toByteArray());
            case VALUE_STRING:
                canonicalizer.skipValue(parser, token);
                return StringData.fromString(parser.getText());
            default:
                return StringData.fromString(parser.getText());
        }
    }

    private static JsonToken next(JsonParser parser) throws IOException, InvalidJsonException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new InvalidJsonException(
                    "unexpected end of input", parser.currentLocation().getByteOffset());
        }
        return token;
    }
}
