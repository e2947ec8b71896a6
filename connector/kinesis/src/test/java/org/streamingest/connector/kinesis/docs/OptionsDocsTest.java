package org.streamingest.connector.kinesis.docs;

import org.streamingest.connector.kinesis.catalog.KinesisCatalogOptions;
import org.streamingest.connector.kinesis.table.KinesisConnectorOptions;

import org.apache.flink.configuration.ConfigOption;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails when {@code docs/connector-options.md} no longer matches the {@code *Options} classes. With
 * {@code -Ddocs.regenerate=true} it rewrites the file instead (see {@link
 * OptionsDocsGenerator#REGENERATE_COMMAND}).
 */
class OptionsDocsTest {

    private final Path file =
            OptionsDocsGenerator.repositoryRoot().resolve(OptionsDocsGenerator.FILE);

    @Test
    void optionReferenceIsUpToDate() throws Exception {
        String expected = OptionsDocsGenerator.render();
        if (Boolean.getBoolean("docs.regenerate")) {
            OptionsDocsGenerator.main(new String[] {file.toString()});
        }

        assertThat(Files.exists(file))
                .as(
                        "%s is missing; create it with:%n  %s",
                        file, OptionsDocsGenerator.REGENERATE_COMMAND)
                .isTrue();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as(
                        "%s is stale: an option was added, removed or changed. Regenerate it with:%n  %s",
                        OptionsDocsGenerator.FILE, OptionsDocsGenerator.REGENERATE_COMMAND)
                .isEqualTo(expected);
    }

    @Test
    void everyTableAndCatalogOptionIsDocumented() {
        String page = OptionsDocsGenerator.render();

        for (ConfigOption<?> option : KinesisCatalogOptions.catalogOptions()) {
            assertThat(page).contains("| `" + option.key() + "` |");
        }
        assertThat(page)
                .contains(
                        "| `" + KinesisConnectorOptions.STREAM.key() + "` | String | (required) |");
    }
}
