package org.streamingest.functions.json;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random JSON documents, each written twice: canonically and decorated with whitespace and escape
 * sequences anywhere JSON allows them. Both must canonicalize to the canonical text, whichever
 * token the copy-through stops at.
 */
class CanonicalTextTest {

    private final JsonCanonicalizer canonicalizer = JsonCanonicalizer.strict();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void decoratedAndCanonicalTextCanonicalizeAlike(long seed) throws InvalidJsonException {
        Random random = new Random(seed);
        for (int document = 0; document < 300; document++) {
            StringBuilder canonical = new StringBuilder();
            StringBuilder decorated = new StringBuilder();
            value(random, 0, canonical, decorated);
            space(random, decorated);

            assertThat(canonicalize(canonical.toString()))
                    .as("canonical input %s", canonical)
                    .isEqualTo(canonical.toString());
            assertThat(canonicalize(decorated.toString()))
                    .as("decorated input %s", decorated)
                    .isEqualTo(canonical.toString());
        }
    }

    private void value(Random random, int depth, StringBuilder canonical, StringBuilder decorated) {
        space(random, decorated);
        int kind = depth > 4 ? 2 + random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0 -> container(random, depth, '{', '}', canonical, decorated);
            case 1 -> container(random, depth, '[', ']', canonical, decorated);
            case 2 -> string(random, canonical, decorated);
            case 3 -> both(String.valueOf(random.nextInt(2000) - 1000), canonical, decorated);
            case 4 ->
                    both(random.nextInt(100) / 8.0 + "e" + random.nextInt(5), canonical, decorated);
            default ->
                    both(
                            new String[] {"true", "false", "null"}[random.nextInt(3)],
                            canonical,
                            decorated);
        }
    }

    private void container(
            Random random,
            int depth,
            char open,
            char close,
            StringBuilder canonical,
            StringBuilder decorated) {
        both(String.valueOf(open), canonical, decorated);
        int members = random.nextInt(4);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                space(random, decorated);
                both(",", canonical, decorated);
            }
            if (open == '{') {
                space(random, decorated);
                canonical.append("\"k").append(i).append("\":");
                decorated.append(random.nextBoolean() ? "\"k" : "\"\\u006b").append(i).append('"');
                space(random, decorated);
                decorated.append(':');
            }
            value(random, depth + 1, canonical, decorated);
        }
        space(random, decorated);
        both(String.valueOf(close), canonical, decorated);
    }

    private static void string(Random random, StringBuilder canonical, StringBuilder decorated) {
        String[][] pieces = {
            {"a", "a"}, {"a", "\\u0061"}, {"/", "\\/"}, {"\\\"", "\\\""}, {"\\n", "\\n"},
            {"\\n", "\\u000A"}, {"é", "é"}, {"é", "\\u00e9"}, {" ", " "}, {"\\u001f", "\\u001F"}
        };
        canonical.append('"');
        decorated.append('"');
        int length = random.nextInt(5);
        for (int i = 0; i < length; i++) {
            String[] piece = pieces[random.nextInt(pieces.length)];
            canonical.append(piece[0]);
            decorated.append(random.nextBoolean() ? piece[0] : piece[1]);
        }
        canonical.append('"');
        decorated.append('"');
    }

    private static void space(Random random, StringBuilder decorated) {
        if (random.nextInt(4) == 0) {
            decorated.append(new String[] {" ", "\n", "\t", "\r\n  "}[random.nextInt(4)]);
        }
    }

    private static void both(String text, StringBuilder canonical, StringBuilder decorated) {
        canonical.append(text);
        decorated.append(text);
    }

    private String canonicalize(String json) throws InvalidJsonException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new String(
                canonicalizer.canonicalize(bytes, 0, bytes.length), StandardCharsets.UTF_8);
    }
}
