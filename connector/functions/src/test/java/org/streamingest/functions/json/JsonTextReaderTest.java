package org.streamingest.functions.json;

import org.apache.flink.table.data.StringData;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Path and array reads of the text-based JSON functions. */
class JsonTextReaderTest {

    private final JsonTextReader reader = new JsonTextReader();

    @Test
    void aRepeatedAttributeCountsWithItsLastOccurrence() throws InvalidJsonException {
        assertThat(path("{\"a\":{\"b\":1},\"a\":{\"b\":2}}", "a", "b")).isEqualTo("2");
        assertThat(path("{\"a\":{\"b\":1},\"a\":3}", "a", "b")).isNull();
    }

    @Test
    void stringsComeBackDecodedAndContainersCanonical() throws InvalidJsonException {
        assertThat(path("{\"s\":\"a\\\"b\\u00e9\"}", "s")).isEqualTo("a\"bé");
        assertThat(path("{\"o\": {\"x\": [1, {\"y\": null}]}}", "o"))
                .isEqualTo("{\"x\":[1,{\"y\":null}]}");
        assertThat(path("{\"n\": null}", "n")).isNull();
    }

    @Test
    void theWholeInputMustBeValidEvenAfterTheValue() {
        assertThatThrownBy(() -> path("{\"a\":1,", "a")).isInstanceOf(InvalidJsonException.class);
        assertThatThrownBy(() -> path("[1]", "a"))
                .hasMessageContaining("the JSON value is not an object");
    }

    @Test
    void arraysAreCountedAndIndexed() throws InvalidJsonException {
        byte[] array = "[1, \"two\", [3], {\"4\": 4}]".getBytes(StandardCharsets.UTF_8);

        assertThat(reader.arrayLength(array)).isEqualTo(4);
        assertThat(reader.arrayElement(array, 1)).hasToString("two");
        assertThat(reader.arrayElement(array, 3)).hasToString("{\"4\":4}");
        assertThat(reader.arrayElement(array, 4)).isNull();
        assertThatThrownBy(() -> reader.arrayLength("{}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("the JSON value is not an array");
    }

    private String path(String json, String... path) throws InvalidJsonException {
        StringData found = reader.extractPath(json.getBytes(StandardCharsets.UTF_8), path);
        return found == null ? null : found.toString();
    }
}
