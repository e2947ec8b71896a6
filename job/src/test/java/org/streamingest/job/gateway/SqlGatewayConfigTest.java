package org.streamingest.job.gateway;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sql-gateway-config/config.yaml} as the README has operators use it: appended to a stock
 * Flink 2.1 {@code conf/config.yaml}, which writes its keys nested ({@code rest:} / {@code
 * address:}). Flink's parser must then take the fragment's values, and keep the stock file's other
 * keys.
 */
class SqlGatewayConfigTest {

    /** The nested layout and the values of the keys a stock Flink 2.1 config.yaml sets. */
    private static final String STOCK =
            String.join(
                    "\n",
                    "jobmanager:",
                    "  bind-host: localhost",
                    "  rpc:",
                    "    address: localhost",
                    "    port: 6123",
                    "taskmanager:",
                    "  bind-host: localhost",
                    "  host: localhost",
                    "  numberOfTaskSlots: 1",
                    "parallelism:",
                    "  default: 1",
                    "rest:",
                    "  address: localhost",
                    "  bind-address: localhost",
                    "");

    private static final Path FRAGMENT =
            Path.of("").toAbsolutePath().getParent().resolve("sql-gateway-config/config.yaml");

    @TempDir Path conf;

    @Test
    void appendedToAStockConfigYamlTheFragmentsKeysWin() throws IOException {
        // Given the fragment's keys, each flat on a line of its own
        Map<String, String> fragment = keys(Files.readString(FRAGMENT));
        assertThat(fragment)
                .containsEntry("execution.target", "remote")
                .containsEntry("rest.address", "127.0.0.1")
                .containsEntry("sql-gateway.endpoint.rest.address", "127.0.0.1")
                .containsEntry("sql-gateway.endpoint.rest.bind-address", "127.0.0.1")
                .containsEntry("table.catalog-store.kind", "file")
                .containsEntry("table.exec.iceberg.use-v2-sink", "true")
                .containsKeys(
                        "rest.port",
                        "sql-gateway.endpoint.rest.port",
                        "execution.checkpointing.savepoint-dir",
                        "table.catalog-store.file.path");
        assertThat(fragment.get("execution.checkpointing.savepoint-dir"))
                .contains(SqlGatewayInstallation.ROOT);

        // When it is appended to a stock config.yaml
        Files.writeString(conf.resolve("config.yaml"), STOCK + "\n" + Files.readString(FRAGMENT));
        Configuration loaded = GlobalConfiguration.loadConfiguration(conf.toString());

        // Then Flink reads every key of the fragment with its value, and the stock file's others
        assertThat(loaded.toMap()).containsAllEntriesOf(fragment);
        assertThat(loaded.toMap())
                .containsEntry("rest.address", "127.0.0.1")
                .containsEntry("taskmanager.numberOfTaskSlots", "4")
                .containsEntry("rest.bind-address", "localhost")
                .containsEntry("jobmanager.rpc.port", "6123");
    }

    /** The {@code key: value} lines of a flat YAML file; fails on any other non-comment line. */
    private static Map<String, String> keys(String yaml) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : yaml.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            assertThat(line).as("a flat key: value line").matches("[a-z][A-Za-z0-9.-]*: \\S.*");
            int colon = line.indexOf(": ");
            keys.put(line.substring(0, colon), line.substring(colon + 2).strip());
        }
        return keys;
    }
}
