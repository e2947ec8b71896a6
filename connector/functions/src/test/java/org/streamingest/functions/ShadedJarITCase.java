package org.streamingest.functions;

import org.streamingest.functions.json.JsonCanonicalizer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The jar that goes into Flink's lib/ or ADD JAR carries jackson-core relocated and registers the
 * module factory; the integration tests run against that jar, without the original jackson-core.
 */
class ShadedJarITCase {

    private static final String RELOCATED = "org/streamingest/functions/shaded/jackson/core/";

    private final Path jar = Path.of(System.getProperty("functions.jar"));

    @Test
    void jarHoldsRelocatedJacksonOnly() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.stream().map(JarEntry::getName))
                    .anyMatch(name -> name.equals(RELOCATED + "JsonFactory.class"))
                    .noneMatch(name -> name.startsWith("com/fasterxml/"))
                    .noneMatch(name -> name.contains("/com/fasterxml/"));
        }
    }

    @Test
    void jarRegistersTheModuleFactory() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry services =
                    file.getJarEntry("META-INF/services/org.apache.flink.table.factories.Factory");
            assertThat(services).isNotNull();
            try (InputStream in = file.getInputStream(services)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                        .isEqualTo(RedshiftModuleFactory.class.getName());
            }
        }
    }

    @Test
    void testsRunAgainstTheShadedJar() throws Exception {
        assertThat(
                        RedshiftModuleFactory.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                .isEqualTo(jar.toUri());
        assertThat(JsonCanonicalizer.class.getDeclaredField("FACTORY").getType().getName())
                .isEqualTo("org.streamingest.functions.shaded.jackson.core.JsonFactory");
        assertThatThrownBy(() -> Class.forName("com.fasterxml.jackson.core.JsonFactory"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
