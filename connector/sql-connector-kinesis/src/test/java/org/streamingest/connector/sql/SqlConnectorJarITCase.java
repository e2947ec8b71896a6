package org.streamingest.connector.sql;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the packaged SQL jar (failsafe runs after {@code package}): what a Flink session needs to
 * discover is there, and nothing that belongs to Flink's own {@code lib/} is.
 */
class SqlConnectorJarITCase {
    private static final String FACTORY_SERVICE =
            "META-INF/services/org.apache.flink.table.factories.Factory";

    private static Path jar;

    @BeforeAll
    static void findJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar =
                    files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                            .filter(
                                    p ->
                                            p.getFileName()
                                                    .toString()
                                                    .startsWith(
                                                            "streaming-ingest-sql-connector-kinesis"))
                            .findFirst()
                            .orElseThrow(
                                    () -> new IllegalStateException("run `mvn package` first"));
        }
    }

    @Test
    void registersCatalogTableAndModuleFactories() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> factories = lines(file, FACTORY_SERVICE);
            assertThat(factories)
                    .contains(
                            "org.streamingest.connector.kinesis.catalog.KinesisCatalogFactory",
                            "org.streamingest.connector.kinesis.table.KinesisDynamicTableFactory");
            assertThat(factories).anyMatch(f -> f.startsWith("org.streamingest.functions."));
            for (String factory : factories) {
                assertThat(file.getEntry(factory.replace('.', '/') + ".class"))
                        .as("class of registered factory %s", factory)
                        .isNotNull();
            }
        }
    }

    @Test
    void bundlesTheAwsSdkButNoFlinkOrLoggingClasses() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(JarEntry::getName).collect(Collectors.toList());
            assertThat(names)
                    .contains(
                            "software/amazon/awssdk/services/kinesis/KinesisClient.class",
                            "software/amazon/awssdk/services/sts/StsClient.class");
            assertThat(names)
                    .noneMatch(n -> n.startsWith("org/apache/flink/"))
                    .noneMatch(n -> n.startsWith("org/slf4j/"))
                    .noneMatch(n -> n.startsWith("org/apache/logging/log4j/"));
            assertThat(lines(file, "META-INF/services/software.amazon.awssdk.http.SdkHttpService"))
                    .as("the SDK finds its sync HTTP client through this service file")
                    .isNotEmpty();
        }
    }

    private static List<String> lines(JarFile file, String entry) throws IOException {
        JarEntry e = file.getJarEntry(entry);
        assertThat(e).as(entry).isNotNull();
        try (InputStream in = file.getInputStream(e)) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toList());
        }
    }
}
