package org.streamingest.functions.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Canonical text and the inputs JSON_PARSE must reject, down to the byte offset reported. */
class JsonCanonicalizerTest {

    private final JsonCanonicalizer strict = JsonCanonicalizer.strict();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "` {\"a\" : [ 1 , 2.50 , -0 , 1E+2 ] , \"b\" : { } }`|{\"a\":[1,2.50,-0,1E+2],\"b\":{}}",
                "`\"\\u0041\\/\\b\\f\\n\\r\\t\\u0001\\u00e9\\ud83d\\ude00\"`|`\"A/\\b\\f\\n\\r\\t\\u0001é😀\"`",
                "`{\"k\\u0065y\":\"v\"}`|{\"key\":\"v\"}",
                "`\"é😀 raw\"`|\"é😀 raw\"",
                "`[true,false,null]`|[true,false,null]",
                "`\t\r\n 7 \n`|7",
                "`[{},1,[],{\"a\":[]},\"x\",[[]]]`|`[{},1,[],{\"a\":[]},\"x\",[[]]]`",
                "`[ {} , 1 , [ ] , { \"a\" : [ ] } , \"x\" ]`|`[{},1,[],{\"a\":[]},\"x\"]`",
                "`{\"a\":1, \"b\" :2,\"c\": \"\\/\",\"d\":[1 ]}`|`{\"a\":1,\"b\":2,\"c\":\"/\",\"d\":[1]}`",
            })
    void writesCanonicalText(String input, String canonical) throws InvalidJsonException {
        assertThat(canonical(input)).isEqualTo(canonical);
    }

    @Test
    void acceptsTheDocumentedNestingLimitAndRejectsOneMore() throws InvalidJsonException {
        String limit = "[".repeat(1000) + "]".repeat(1000);
        assertThat(canonical(limit)).isEqualTo(limit);

        String deeper = "{\"a\":".repeat(1001) + "1" + "}".repeat(1001);
        assertThatThrownBy(() -> canonical(deeper))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("nesting is deeper than Redshift's SUPER limit of 1000");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "22 61 c0 80 22|invalid UTF-8 byte 0xc0|2",
                "22 ed a0 80 22|invalid UTF-8 byte 0xa0|2",
                "22 f4 90 80 80 22|invalid UTF-8 byte 0x90|2",
                "22 61 80 22|invalid UTF-8 byte 0x80|2",
                "22 e2 82 22|invalid UTF-8 byte 0x22|3",
                "ff fe 5b 00 5d 00|invalid UTF-8 byte 0xff|0",
                "5b 00 31 00 5d 00|unexpected NUL byte|1",
                "22 61 09 22|Illegal unquoted character ((CTRL-CHAR, code 9))|2",
                "7b 22 61 22 3a 31 2c 22 61 22 3a 32 7d|duplicate attribute \"a\"|7",
                "5b 31 2c 5d|Unexpected character (']'|3",
                "7b 7d 20 7b 7d|unexpected { after the end of the JSON value|3",
            })
    void rejectsWhatRedshiftRejectsAndSaysWhere(String hex, String reason, long offset) {
        byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(hex);

        assertThatThrownBy(() -> strict.canonicalize(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(
                        InvalidJsonException.class,
                        e -> {
                            assertThat(e.reason()).contains(reason);
                            assertThat(e.byteOffset()).isEqualTo(offset);
                        });
        assertThat(strict.isValid(bytes, 0, bytes.length)).isFalse();
    }

    @Test
    void keepsAnUnpairedSurrogateEscapeAsAnEscape() throws InvalidJsonException {
        assertThat(canonical("[\"\\ud83d x\", \"\\uDE00\"]"))
                .isEqualTo("[\"\\ud83d x\",\"\\ude00\"]");
        assertThat(valid("\"\\ud83d x\"")).isTrue();
    }

    @Test
    void findsDuplicatesInLargeObjectsToo() throws InvalidJsonException {
        StringBuilder names = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            names.append("\"n").append(i).append("\":").append(i).append(',');
        }
        String distinct = names + "\"last\":0}";
        assertThat(canonical(distinct)).isEqualTo(distinct);

        assertThatThrownBy(() -> canonical(names + "\"n3\":0}"))
                .hasMessageContaining("duplicate attribute \"n3\"");
        assertThatThrownBy(() -> canonical("{\"a\":{\"x\":1,\"y\":2},\"b\":{\"x\":1,\"x\":2}}"))
                .hasMessageContaining("duplicate attribute \"x\"");
    }

    @Test
    void readsASliceOfABuffer() throws InvalidJsonException {
        byte[] buffer = "xx{\"a\": 1}yy".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(strict.canonicalize(buffer, 2, 8), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void rejectsStringsAboveRedshiftsLimit() {
        assertThatThrownBy(() -> JsonStrings.checkLength(JsonLimits.MAX_STRING_BYTES + 1, 7))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("exceeds Redshift's limit of 16000000 bytes")
                .hasMessageContaining("at byte offset 7");
    }

    @Test
    void lenientAcceptsDuplicateAttributesThatStrictRejects() {
        assertThat(valid("{\"a\":1,\"a\":2}")).isFalse();
        byte[] bytes = "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonCanonicalizer.lenient().isValid(bytes, 0, bytes.length)).isTrue();
    }

    private String canonical(String json) throws InvalidJsonException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new String(strict.canonicalize(bytes, 0, bytes.length), StandardCharsets.UTF_8);
    }

    private boolean valid(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return strict.isValid(bytes, 0, bytes.length);
    }
}
