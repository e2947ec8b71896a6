package org.streamingest.functions.json;

import org.apache.flink.table.data.StringData;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SUPER navigation: paths as the SQL front end writes them, lax results as in Redshift. */
class SuperNavigatorTest {

    private final SuperNavigator navigator = new SuperNavigator();

    private String navigate(String json, String path) throws InvalidJsonException {
        StringData found =
                navigator.navigate(json.getBytes(StandardCharsets.UTF_8), SuperPath.parse(path));
        return found == null ? null : found.toString();
    }

    @Test
    void parsesAttributesWithEscapedQuotesAndIndexes() {
        assertThat(SuperPath.parse(".\"a\"[12].\"b\"\"c\"").steps())
                .containsExactly("a", 12, "b\"c");
    }

    @Test
    void rejectsMalformedPaths() {
        assertThatThrownBy(() -> SuperPath.parse("a"))
                .hasMessageContaining("invalid SUPER path 'a'");
        assertThatThrownBy(() -> SuperPath.parse("[x]")).hasMessageContaining("[digits]");
        assertThatThrownBy(() -> SuperPath.parse(".\"a")).hasMessageContaining("closing");
        assertThatThrownBy(() -> SuperPath.parse("")).hasMessageContaining("empty");
    }

    @Test
    void followsAttributesAndIndexesAndKeepsSuperText() throws InvalidJsonException {
        String json =
                "{\"customer\":{\"id\":7,\"name\":\"Ann\"},\"items\":[{\"sku\":\"a1\"},[1,{\"x\":null}]]}";

        assertThat(navigate(json, ".\"customer\".\"id\"")).isEqualTo("7");
        assertThat(navigate(json, ".\"customer\".\"name\"")).isEqualTo("\"Ann\"");
        assertThat(navigate(json, ".\"items\"[0]")).isEqualTo("{\"sku\":\"a1\"}");
        assertThat(navigate(json, ".\"items\"[1][1].\"x\"")).isEqualTo("null");
    }

    @Test
    void missingOrMistypedStepsGiveNull() throws InvalidJsonException {
        String json = "{\"a\":[1,2],\"s\":\"t\"}";

        assertThat(navigate(json, ".\"b\"")).isNull();
        assertThat(navigate(json, ".\"a\"[2]")).isNull();
        assertThat(navigate(json, ".\"a\".\"x\"")).isNull();
        assertThat(navigate(json, ".\"s\"[0]")).isNull();
        assertThat(navigate("[1]", ".\"a\"")).isNull();
    }

    @Test
    void attributeNamesAreCaseSensitive() throws InvalidJsonException {
        assertThat(navigate("{\"Field\":1}", ".\"Field\"")).isEqualTo("1");
        assertThat(navigate("{\"Field\":1}", ".\"field\"")).isNull();
    }

    @Test
    void textThatIsNotJsonIsAnError() {
        assertThatThrownBy(() -> navigate("{\"a\":", ".\"a\""))
                .isInstanceOf(InvalidJsonException.class);
    }
}
