package org.streamingest.warehouse.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

class JobJarsTest {

    @TempDir Path dir;

    @Test
    void shipsWhatTheDistributionLacksIncludingOtherVersionsOfItsJars() throws IOException {
        Path flink = jar("flink-runtime-2.1.0.jar");
        Path iceberg = jar("iceberg-flink-runtime-2.1-1.11.0.jar");
        Path newerLang = jar("commons-lang3-3.18.0.jar");
        Set<String> distribution =
                JobJars.parse("lib/flink-runtime-2.1.0.jar:lib/commons-lang3-3.12.0.jar\n");

        List<Path> shipped = JobJars.select(List.of(flink, iceberg, newerLang), distribution, dir);

        assertThat(shipped).containsExactly(iceberg, newerLang);
    }

    @Test
    void packsAClasspathDirectoryIntoAJarAndSkipsMissingEntries() throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("org/example"));
        Files.writeString(classes.resolve("org/example/A.class"), "bytes");
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(classes.resolve("META-INF/services/x.Factory"), "org.example.A\n");
        Path packDir = Files.createDirectories(dir.resolve("packed"));

        List<Path> shipped =
                JobJars.select(List.of(classes, dir.resolve("gone.jar")), Set.of(), packDir);

        assertThat(shipped).hasSize(1);
        try (JarFile jar = new JarFile(shipped.get(0).toFile())) {
            assertThat(jar.getEntry("org/example/A.class")).isNotNull();
            assertThat(jar.getEntry("META-INF/services/x.Factory")).isNotNull();
        }
    }

    @Test
    void theBuiltListNamesFlinksJarsButNoneThatJobsNeed() {
        Set<String> distribution = JobJars.distributionJars();

        assertThat(distribution)
                .contains("flink-runtime-2.1.0.jar", "flink-table-runtime-2.1.0.jar")
                .contains("flink-connector-files-2.1.0.jar", "flink-connector-base-2.1.0.jar")
                .noneMatch(name -> name.startsWith("iceberg-"))
                .noneMatch(name -> name.startsWith("hadoop-"))
                .noneMatch(name -> name.startsWith("streaming-ingest-"));
    }

    @Test
    void pipelineJarsAreAbsoluteFileUrls() {
        List<String> urls = JobJars.urls(List.of(dir.resolve("a.jar")));

        assertThat(urls).hasSize(1);
        assertThat(URI.create(urls.get(0)).getScheme()).isEqualTo("file");
        assertThat(Path.of(URI.create(urls.get(0)))).isEqualTo(dir.resolve("a.jar"));
    }

    private Path jar(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "not really a jar");
    }
}
