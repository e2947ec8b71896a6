package org.streamingest.functions;

import org.streamingest.functions.examples.FunctionsDoc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/functions.md is generated from the function table; this test fails when it is stale. With
 * {@code -Dregenerate=true} it rewrites the file instead.
 */
class FunctionsDocTest {

    @Test
    void docsMatchTheFunctionTable() throws IOException {
        Path doc = FunctionsDoc.location();
        String expected = FunctionsDoc.render();
        if (Boolean.getBoolean("regenerate")) {
            Files.writeString(doc, expected, StandardCharsets.UTF_8);
        }

        assertThat(doc).exists();
        assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                .as(
                        "docs/functions.md is stale; regenerate it with ./mvnw -o -B -pl"
                                + " connector/functions test -Dtest=FunctionsDocTest"
                                + " -Dregenerate=true")
                .isEqualTo(expected);
    }
}
