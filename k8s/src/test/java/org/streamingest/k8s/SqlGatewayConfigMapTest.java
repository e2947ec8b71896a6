package org.streamingest.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway on Kubernetes is configured from {@code sql-gateway-config/}: its ConfigMap holds
 * that directory's files as they are, only known keys follow, and what start.sh replaces is in
 * them. Also: every YAML file of {@code k8s/} opens with a comment saying what it shows.
 */
class SqlGatewayConfigMapTest {

    private static final Path REPO_CONFIG = Manifests.K8S.resolveSibling("sql-gateway-config");
    private static final JsonNode DATA =
            Manifests.read(Manifests.BASE.resolve("sql-gateway-config.yaml")).get(0).get("data");

    @Test
    void holdsInitSqlAsItIs() throws IOException {
        assertThat(DATA.get("init.sql").asText())
                .isEqualTo(Files.readString(REPO_CONFIG.resolve("init.sql")));
    }

    @Test
    void holdsConfigYamlAsItIsThenOnlyTheKubernetesKeys() throws IOException {
        String repo = Files.readString(REPO_CONFIG.resolve("config.yaml"));
        String config = DATA.get("config.yaml").asText();
        assertThat(config).startsWith(repo);
        assertThat(keys(config.substring(repo.length())))
                .containsExactlyInAnyOrder(
                        "sql-gateway.endpoint.rest.address",
                        "sql-gateway.endpoint.rest.bind-address",
                        "rest.address");
    }

    @Test
    void startScriptReplacesWhatIsThere() {
        String start = DATA.get("start.sh").asText();
        Matcher sed = Pattern.compile("s\\|([^|]+)\\|").matcher(start);
        List<String> patterns = new ArrayList<>();
        while (sed.find()) {
            patterns.add(sed.group(1));
        }
        assertThat(patterns).hasSize(3);
        String files = DATA.get("config.yaml").asText() + DATA.get("init.sql").asText();
        assertThat(patterns).allSatisfy(p -> assertThat(files).contains(p));
    }

    @Test
    void everyManifestSaysWhatItShows() throws IOException {
        for (Path file : Manifests.yamlFiles()) {
            assertThat(Files.readString(file)).as(file.toString()).startsWith("# ");
        }
    }

    private static List<String> keys(String yaml) {
        List<String> keys = new ArrayList<>();
        for (String line : yaml.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                keys.add(line.substring(0, line.indexOf(':')));
            }
        }
        return keys;
    }
}
