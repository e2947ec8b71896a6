package org.streamingest.connector.kinesis.docs;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.catalog.KinesisCatalogFactory;
import org.streamingest.connector.kinesis.catalog.KinesisCatalogOptions;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.table.KinesisConnectorOptions;
import org.streamingest.connector.kinesis.table.KinesisDynamicTableFactory;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/connector-options.md}, the option reference of the Kinesis connector, from the
 * {@code *Options} classes themselves: key, type, default and description of every option, with the
 * values of enum options. {@link OptionsDocsTest} fails when the file is stale.
 */
public final class OptionsDocsGenerator {

    /** The Maven command that rewrites the file; printed at its top and in the test's failure. */
    static final String REGENERATE_COMMAND =
            "./mvnw -o -B -pl connector/kinesis -am verify -DskipITs -Dtest=OptionsDocsTest"
                    + " -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.regenerate=true";

    static final String FILE = "docs/connector-options.md";

    /** One table of the page: the options declared in one class. */
    private record Section(
            String title, String intro, Class<?> optionsClass, Set<String> required) {}

    private static final List<Section> SECTIONS =
            List.of(
                    new Section(
                            "Table connector: `'connector' = '"
                                    + KinesisDynamicTableFactory.IDENTIFIER
                                    + "'`",
                            "A table reads one stream. It takes the options below plus every"
                                    + " [source](#source-options-scan) and"
                                    + " [AWS](#aws-options-aws) option. Unknown keys are errors.",
                            KinesisConnectorOptions.class,
                            Set.of(KinesisConnectorOptions.STREAM.key())),
                    new Section(
                            "Catalog: `'type' = '" + KinesisCatalogFactory.IDENTIFIER + "'`",
                            "Every stream of the account and region is a table"
                                    + " `<catalog>.<default-database>.<stream>`. The catalog takes"
                                    + " the options below plus every [source](#source-options-scan)"
                                    + " and [AWS](#aws-options-aws) option; its tables read with"
                                    + " them, and a query may override `scan.*` options with"
                                    + " `/*+ OPTIONS('key' = 'value') */`. Unknown keys are errors.",
                            KinesisCatalogOptions.class,
                            Set.of()),
                    new Section(
                            "Source options (`scan.*`)",
                            "How shards are read. Accepted by the table connector, the catalog and"
                                    + " the DataStream `KinesisSource` builder.",
                            KinesisSourceOptions.class,
                            Set.of()),
                    new Section(
                            "AWS options (`aws.*`)",
                            "How the connector reaches Kinesis. Accepted by the table connector,"
                                    + " the catalog and the DataStream `KinesisSource` builder.",
                            AwsOptions.class,
                            Set.of()));

    private OptionsDocsGenerator() {}

    /** Writes the page to {@code args[0]}, or to {@value #FILE} under the repository root. */
    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : repositoryRoot().resolve(FILE);
        Files.createDirectories(target.getParent());
        Files.writeString(target, render(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + target.toAbsolutePath());
    }

    /** The page, as it should be on disk. */
    static String render() {
        StringBuilder page = new StringBuilder();
        page.append("<!-- Generated from the *Options classes by ")
                .append(OptionsDocsGenerator.class.getName())
                .append(": do not edit.\n     Regenerate with: ")
                .append(REGENERATE_COMMAND)
                .append(" -->\n\n")
                .append("# Kinesis connector options\n\n")
                .append("Durations take a unit (`250 ms`, `10 s`, `2 min`), sizes a unit of bytes")
                .append(" (`512 kb`, `1 mb`). Enum values are case insensitive.\n");
        for (Section section : SECTIONS) {
            page.append("\n## ").append(section.title).append("\n\n");
            page.append(section.intro)
                    .append(" Declared in `")
                    .append(section.optionsClass.getSimpleName())
                    .append("`.\n\n");
            page.append("| Key | Type | Default | Description |\n");
            page.append("|---|---|---|---|\n");
            for (Field field : optionFields(section.optionsClass)) {
                page.append(row(field, section.required)).append('\n');
            }
        }
        return page.toString();
    }

    /** The public static ConfigOption constants, sorted by key. */
    private static List<Field> optionFields(Class<?> optionsClass) {
        return Arrays.stream(optionsClass.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()))
                .filter(f -> f.getType() == ConfigOption.class)
                .sorted(Comparator.comparing(f -> option(f).key()))
                .collect(Collectors.toList());
    }

    private static String row(Field field, Set<String> required) {
        ConfigOption<?> option = option(field);
        Class<?> type =
                (Class<?>) ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
        String description = new HtmlFormatter().format(option.description());
        if (type.isEnum()) {
            description +=
                    "<br/>One of: "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(c -> "`" + c + "`")
                                    .collect(Collectors.joining(", "))
                            + ".";
        }
        String defaultValue =
                required.contains(option.key())
                        ? "(required)"
                        : option.hasDefaultValue()
                                ? "`" + format(option.defaultValue()) + "`"
                                : "(none)";
        return "| `"
                + option.key()
                + "` | "
                + (type.isEnum() ? "Enum" : type.getSimpleName())
                + " | "
                + defaultValue
                + " | "
                + description.replace("|", "\\|")
                + " |";
    }

    private static String format(Object value) {
        return value instanceof Duration
                ? TimeUtils.formatWithHighestUnit((Duration) value)
                : String.valueOf(value);
    }

    private static ConfigOption<?> option(Field field) {
        try {
            return (ConfigOption<?>) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + field, e);
        }
    }

    /** The directory holding {@code mvnw}, from the working directory upwards. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("connector"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "Run from inside the repository: no directory with mvnw above "
                        + Path.of("").toAbsolutePath());
    }
}
