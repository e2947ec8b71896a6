package org.streamingest.job.sql;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/sql.md's SUPER compatibility table is generated from super-compatibility.tsv (the rows
 * SuperCompatibilityITCase runs); this test fails when it is stale. With {@code -Dregenerate=true}
 * it rewrites the section instead.
 */
class SuperCompatibilityDocTest {

    @Test
    void docsMatchTheCompatibilityTable() throws IOException {
        Path doc = SuperCompatibility.location();
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(SuperCompatibility.BEGIN);
        int end = text.indexOf(SuperCompatibility.END);
        assertThat(begin).as("docs/sql.md has the BEGIN marker").isNotNegative();
        assertThat(end).as("docs/sql.md has the END marker").isGreaterThan(begin);
        String expected =
                text.substring(0, begin)
                        + SuperCompatibility.render()
                        + text.substring(end + SuperCompatibility.END.length());
        if (Boolean.getBoolean("regenerate")) {
            Files.writeString(doc, expected, StandardCharsets.UTF_8);
            text = expected;
        }

        assertThat(text)
                .as(
                        "docs/sql.md's SUPER table is stale; regenerate it with ./mvnw -o -B -pl"
                                + " job test -Dtest=SuperCompatibilityDocTest -Dregenerate=true")
                .isEqualTo(expected);
    }
}
