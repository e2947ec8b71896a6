package org.streamingest.functions.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test of the byte scanner: for random and adversarial input (valid, broken at every
 * byte, bad UTF-8 of every kind, duplicate attributes, deep nesting), JSON_PARSE's and
 * CAN_JSON_PARSE's answers with the scanner must equal the Jackson path's: the same canonical
 * bytes, or the same error message and offset.
 */
class FastJsonScannerTest {

    private static final byte[] PROBES = {
        '"',
        '\\',
        ',',
        ':',
        '{',
        '}',
        '[',
        ']',
        ' ',
        '\n',
        0,
        0x1f,
        0x7f,
        'x',
        'e',
        'u',
        '0',
        '1',
        '-',
        '.',
        '+',
        't',
        'n',
        (byte) 0x80,
        (byte) 0xbf,
        (byte) 0xc0,
        (byte) 0xc3,
        (byte) 0xe0,
        (byte) 0xed,
        (byte) 0xf0,
        (byte) 0xf4,
        (byte) 0xf5,
        (byte) 0xff
    };

    private final JsonCanonicalizer strict = JsonCanonicalizer.strict();
    private final JsonCanonicalizer lenient = JsonCanonicalizer.lenient();
    private final FastJsonScanner scanner = new FastJsonScanner(true);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void randomDocumentsAndEveryByteMutationAgree(long seed) {
        Random random = new Random(seed);
        int fast = 0;
        int decorated = 0;
        for (int document = 0; document < 60; document++) {
            boolean decorate = document % 3 == 0;
            byte[] json = RandomJson.document(random, decorate).getBytes(StandardCharsets.UTF_8);
            agree(json);
            if (scanner.canonicalize(json, 0, json.length) != null) {
                fast++;
                decorated += decorate ? 1 : 0;
            }
            for (byte[] mutant : mutants(json)) {
                agree(mutant);
            }
        }
        // The scanner must actually answer for plain documents, or this test proves nothing.
        assertThat(fast).isGreaterThan(20);
        assertThat(decorated).isGreaterThan(5);
    }

    @Test
    void everyInvalidUtf8SequenceAgrees() {
        HexFormat hex = HexFormat.of();
        int[] seconds = {0x00, 0x22, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff};
        for (int lead = 0x80; lead <= 0xff; lead++) {
            for (int second : seconds) {
                for (int third : new int[] {0x22, 0x80, 0xbf, 0xc0}) {
                    byte[] tail = {(byte) lead, (byte) second, (byte) third, (byte) 0x80};
                    for (int cut = 1; cut <= 4; cut++) {
                        String bytes = hex.formatHex(tail, 0, cut);
                        agree(hex.parseHex("7b2261223a22" + bytes + "227d")); // {"a":"..."}
                        agree(hex.parseHex("22" + bytes + "22"));
                        agree(hex.parseHex("5b" + bytes + "5d"));
                        agree(hex.parseHex("22" + bytes));
                    }
                }
            }
        }
    }

    @Test
    void duplicateAttributesAgree() {
        List<String> inputs = new ArrayList<>();
        inputs.add("{\"a\":1,\"a\":2}");
        inputs.add("{\"a\":1,\"b\":{\"a\":2,\"b\":3},\"c\":[{\"a\":1},{\"a\":1}]}");
        inputs.add("{\"a\":1,\"\\u0061\":2}");
        inputs.add("{\"k\\u0065y\":1,\"key\":2}");
        inputs.add("{\"long-name-prefix-1\":1,\"long-name-prefix-2\":2,\"long-name-prefix-1\":3}");
        inputs.add("{\"x-same-suffix\":1,\"y-same-suffix\":2}");
        inputs.add("{\"é\":1,\"e\":2,\"é\":3}");
        inputs.add("{\"\":1,\"\":2}");
        for (int keys : new int[] {63, 64, 65, 1023, 1024, 1025, 3000}) {
            StringBuilder many = new StringBuilder("{");
            for (int k = 0; k < keys; k++) {
                many.append(k == 0 ? "" : ",").append("\"k").append(k).append("\":").append(k);
            }
            inputs.add(many + "}");
            inputs.add(many + ",\"k" + (keys / 2) + "\":0}");
        }
        for (String input : inputs) {
            agree(input.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(strict.isValid("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8), 0, 13))
                .isFalse();
    }

    @Test
    void nestingAroundTheLimitAgrees() {
        for (int depth : new int[] {999, 1000, 1001, 1500}) {
            agree(("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
            agree(
                    ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth))
                            .getBytes(StandardCharsets.UTF_8));
            agree(("[".repeat(depth) + "]".repeat(depth - 1)).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void numbersLiteralsAndLimitsAgree() {
        String[] inputs = {
            "0",
            "-0",
            "01",
            "-01",
            "1.",
            ".5",
            "+1",
            "1e",
            "1e+",
            "1E-2",
            "1.5e3",
            "-",
            "1x",
            "1 2",
            "0x10",
            "1.0.0",
            "NaN",
            "-Infinity",
            "tru",
            "true ",
            " false",
            "nul",
            "nulll",
            "truex",
            "[1,]",
            "{\"a\":1,}",
            "[01]",
            "{\"a\"}",
            "{\"a\":}",
            "[1 2]",
            "{1:2}",
            "",
            "   ",
            "\ufeff1",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u12G4\"",
            "\"\\ud800\"",
            "\"\\ud83d\\ude00\"",
            "\"a\tb\"",
            "\"" + "9".repeat(2000) + "\"",
            "9".repeat(400),
            "9".repeat(600),
            "9".repeat(1200),
            "{\"" + "n".repeat(60_000) + "\":1}",
            "[1]/*c*/",
            "// c\n1",
            "'a'",
            "[\"a\"\"b\"]"
        };
        for (String input : inputs) {
            agree(input.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void answersForSubrangesOfLargerArrays() {
        byte[] framed = "xx{\"a\": [1, \"b\"]}yy".getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < framed.length; from++) {
            for (int to = from; to <= framed.length; to++) {
                agree(framed, from, to - from);
            }
        }
    }

    private void agree(byte[] json) {
        agree(json, 0, json.length);
    }

    private void agree(byte[] json, int offset, int length) {
        for (JsonCanonicalizer canonicalizer : new JsonCanonicalizer[] {strict, lenient}) {
            String expected =
                    outcome(() -> canonicalizer.canonicalizeWithJackson(json, offset, length));
            String actual = outcome(() -> canonicalizer.canonicalize(json, offset, length));
            assertThat(actual).as("input %s", describe(json, offset, length)).isEqualTo(expected);
            assertThat(canonicalizer.isValid(json, offset, length))
                    .as("validity of %s", describe(json, offset, length))
                    .isEqualTo(canonicalizer.validRoot(json, offset, length) != null);
        }
    }

    private static String describe(byte[] json, int offset, int length) {
        String hex =
                HexFormat.of().formatHex(json, offset, Math.min(offset + length, offset + 200));
        return hex + " (" + length + " bytes)";
    }

    private interface Canonicalization {
        byte[] run() throws InvalidJsonException;
    }

    private static String outcome(Canonicalization canonicalization) {
        try {
            return "ok " + HexFormat.of().formatHex(canonicalization.run());
        } catch (InvalidJsonException e) {
            return "error " + e.getMessage();
        }
    }

    /** Each byte replaced by each probe, each byte removed, each probe inserted, each prefix. */
    private static List<byte[]> mutants(byte[] json) {
        List<byte[]> mutants = new ArrayList<>();
        for (int i = 0; i < json.length; i++) {
            for (byte probe : PROBES) {
                byte[] replaced = json.clone();
                replaced[i] = probe;
                mutants.add(replaced);
            }
            byte[] removed = new byte[json.length - 1];
            System.arraycopy(json, 0, removed, 0, i);
            System.arraycopy(json, i + 1, removed, i, json.length - i - 1);
            mutants.add(removed);
            byte[] inserted = new byte[json.length + 1];
            System.arraycopy(json, 0, inserted, 0, i);
            inserted[i] = PROBES[i % PROBES.length];
            System.arraycopy(json, i, inserted, i + 1, json.length - i);
            mutants.add(inserted);
            mutants.add(Arrays.copyOf(json, i));
        }
        return mutants;
    }
}
