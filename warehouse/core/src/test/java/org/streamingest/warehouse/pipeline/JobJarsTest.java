package org.streamingest.warehouse.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobJarsTest {

    @TempDir Path dir;

    @Test
    void shipsExactlyTheRuntimeJar() throws IOException {
        Path runtime = Files.writeString(dir.resolve(JobJars.FILE_NAME), "a jar");

        List<Path> shipped =
                JobJars.select(runtime.toString(), Set.of("flink-dist-2.1.0.jar", "log4j.jar"));

        assertThat(shipped).containsExactly(runtime);
    }

    @Test
    void shipsNothingToAClusterWhoseLibHoldsTheRuntimeJar() {
        assertThat(JobJars.select(null, Set.of("flink-dist-2.1.0.jar", JobJars.FILE_NAME)))
                .isEmpty();
    }

    @Test
    void aMissingRuntimeJarSaysHowToBuildIt() {
        Path gone = dir.resolve("gone.jar");

        assertThatThrownBy(() -> JobJars.select(gone.toString(), Set.of()))
                .hasMessageContaining(gone.toString())
                .hasMessageContaining("./mvnw package -pl warehouse/runtime -am");
        assertThatThrownBy(() -> JobJars.select(null, Set.of()))
                .hasMessageContaining(JobJars.PROPERTY)
                .hasMessageContaining("./mvnw package -pl warehouse/runtime -am");
    }

    @Test
    void pipelineJarsAreAbsoluteFileUrls() {
        List<String> urls = JobJars.urls(List.of(dir.resolve("a.jar")));

        assertThat(urls).hasSize(1);
        assertThat(URI.create(urls.get(0)).getScheme()).isEqualTo("file");
        assertThat(Path.of(URI.create(urls.get(0)))).isEqualTo(dir.resolve("a.jar"));
    }
}
