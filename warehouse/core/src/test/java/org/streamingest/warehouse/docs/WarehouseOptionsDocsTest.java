package org.streamingest.warehouse.docs;

import org.streamingest.warehouse.catalog.WarehouseCatalogFactory;
import org.streamingest.warehouse.catalog.WarehouseCatalogOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/warehouse-options.md}, the option reference of the warehouse catalog, is generated
 * from {@link WarehouseCatalogOptions}; this test fails when it is stale and, with {@code
 * -Ddocs.regenerate=true}, rewrites it.
 */
class WarehouseOptionsDocsTest {

    static final String FILE = "docs/warehouse-options.md";
    static final String REGENERATE =
            "./mvnw -o -B -pl warehouse/core -am verify -DskipITs -Dtest=WarehouseOptionsDocsTest"
                    + " -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.regenerate=true";

    @Test
    void optionReferenceIsUpToDate() throws Exception {
        Path file = root().resolve(FILE);
        String expected = render();
        if (Boolean.getBoolean("docs.regenerate")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file))
                .as("%s is missing; create it with:%n  %s", file, REGENERATE)
                .isTrue();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is stale. Regenerate it with:%n  %s", FILE, REGENERATE)
                .isEqualTo(expected);
    }

    static String render() {
        String rows =
                Arrays.stream(WarehouseCatalogOptions.class.getDeclaredFields())
                        .filter(f -> Modifier.isStatic(f.getModifiers()))
                        .filter(f -> f.getType() == ConfigOption.class)
                        .map(WarehouseOptionsDocsTest::row)
                        .collect(Collectors.joining());
        return "<!-- Generated from WarehouseCatalogOptions by "
                + WarehouseOptionsDocsTest.class.getName()
                + ": do not edit.\n     Regenerate with: "
                + REGENERATE
                + " -->\n\n# Warehouse catalog options\n\n"
                + "`CREATE CATALOG w WITH ('type' = '"
                + WarehouseCatalogFactory.IDENTIFIER
                + "', ...)` in a Flink session, or `--warehouse` and `--catalog key=value` with the"
                + " CLI. Besides these keys the catalog takes the connector's `aws.*` and `scan.*`"
                + " options ([connector-options.md](connector-options.md)), which apply to the"
                + " streams of every external schema, and passes every other key to the Iceberg"
                + " catalog as a property (`io-impl`, `s3.endpoint`, `jdbc.user`, `credential`,"
                + " ...). An undeclared key that starts with `pipeline.`, `lease.`,"
                + " `auto-refresh.` or `maintenance.` is an error. Durations take a unit"
                + " (`30 s`), sizes too (`128 mb`); enum values are case insensitive.\n\n"
                + "The settings of the views' Flink jobs have one precedence, lowest first: the"
                + " defaults below < the catalog's options < Flink's own keys given to the session"
                + " (the CLI's `--conf`: `execution.checkpointing.interval`,"
                + " `restart-strategy.type`, `restart-strategy.fixed-delay.attempts`,"
                + " `restart-strategy.fixed-delay.delay`) < a view's own interval, when its"
                + " definition has one.\n\n"
                + "| Key | Type | Default | Description |\n|---|---|---|---|\n"
                + rows;
    }

    private static String row(Field field) {
        ConfigOption<?> option;
        try {
            option = (ConfigOption<?>) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        Object value = option.hasDefaultValue() ? option.defaultValue() : null;
        String type = typeOf(field, value);
        String defaultValue =
                option.key().equals(WarehouseCatalogOptions.WAREHOUSE.key())
                        ? "(required)"
                        : value == null ? "(none)" : "`" + format(value) + "`";
        return "| `"
                + option.key()
                + "` | "
                + type
                + " | "
                + defaultValue
                + " | "
                + new HtmlFormatter().format(option.description()).replace("|", "\\|")
                + " |\n";
    }

    private static String typeOf(Field field, Object value) {
        String generic = field.getGenericType().getTypeName();
        if (generic.contains("Backend")) {
            return "Enum: "
                    + Arrays.stream(WarehouseCatalogOptions.Backend.values())
                            .map(b -> b.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
        }
        if (generic.contains("Integer")) {
            return "Integer";
        }
        if (generic.contains("MemorySize")) {
            return "MemorySize";
        }
        return generic.contains("Duration") ? "Duration" : "String";
    }

    private static String format(Object value) {
        if (value instanceof Duration duration) {
            return TimeUtils.formatWithHighestUnit(duration);
        }
        return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : value.toString();
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
