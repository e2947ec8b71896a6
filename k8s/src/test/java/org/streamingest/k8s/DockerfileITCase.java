package org.streamingest.k8s;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/Dockerfile against what {@code ./mvnw package -pl k8s -am} laid out in target/image (an
 * ITCase because it needs the package phase; no image is built): every file it copies is there
 * under that name, and every entry class the manifests name is in the jars the image holds.
 */
class DockerfileITCase {

    private static final Path IMAGE = Paths.get(System.getProperty("image.dir", "target/image"));

    @Test
    void copiesOnlyWhatTheBuildProduced() throws IOException {
        List<String> lines = Files.readAllLines(Manifests.K8S.resolve("Dockerfile"));
        assertThat(lines).contains("FROM flink:2.1.0-java17");
        List<String> sources = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("COPY ")) {
                List<String> words =
                        new ArrayList<>(List.of(line.substring(5).trim().split("\\s+")));
                words.removeIf(w -> w.startsWith("--"));
                sources.addAll(words.subList(0, words.size() - 1));
            }
        }
        assertThat(sources).hasSize(3);
        for (String source : sources) {
            Path path = IMAGE.resolve(source);
            assertThat(path).as(source).exists();
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    assertThat(files.count()).as(source).isPositive();
                }
            }
        }
    }

    @Test
    void holdsEveryEntryClassTheManifestsName() throws IOException {
        Set<String> named = new TreeSet<>();
        for (Manifests.Located located : Manifests.allObjects()) {
            located.object().findValues("entryClass").forEach(c -> named.add(c.asText()));
        }
        assertThat(named).isNotEmpty();
        for (String entryClass : named) {
            boolean present =
                    contains(IMAGE.resolve("lib/streaming-ingest-runtime.jar"), entryClass);
            assertThat(present).as(entryClass).isTrue();
        }
    }

    @Test
    void holdsTheCliThatTheScriptsStart() throws IOException {
        String cli = "org.streamingest.job.cli.StreamingIngestCli";
        assertThat(Manifests.read(Manifests.BASE.resolve("cli-scripts.yaml")).toString())
                .contains(cli);
        boolean found = false;
        try (Stream<Path> jars = Files.list(IMAGE.resolve("cli"))) {
            for (Path jar : jars.toList()) {
                found |= contains(jar, cli);
            }
        }
        assertThat(found).as(cli).isTrue();
    }

    private static boolean contains(Path jar, String className) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(className.replace('.', '/') + ".class") != null;
        }
    }
}
