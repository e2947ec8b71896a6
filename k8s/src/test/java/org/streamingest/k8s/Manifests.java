package org.streamingest.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The manifests of {@code k8s/}: where they are and how they are read (YAML, several documents).
 */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** {@code k8s/}: the module's directory (surefire runs in it). */
    static final Path K8S = Paths.get("").toAbsolutePath();

    static final Path BASE = K8S.resolve("base");
    static final List<Path> OVERLAYS =
            List.of(K8S.resolve("overlays/local"), K8S.resolve("overlays/aws"));

    private Manifests() {}

    /** The documents of one YAML file, each an object; empty documents are skipped. */
    static List<ObjectNode> read(Path file) {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            List<ObjectNode> documents = new ArrayList<>();
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new IllegalArgumentException(file + ": a document is not an object");
                }
                documents.add((ObjectNode) doc);
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    static ObjectNode parse(String yaml) {
        try {
            return (ObjectNode) YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML file under {@code k8s/} outside {@code target/}. */
    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !K8S.relativize(p).startsWith("target"))
                    .filter(p -> !K8S.relativize(p).startsWith("src"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every object of every YAML file under {@code k8s/} that is not a kustomization. */
    static List<Located> allObjects() {
        List<Located> all = new ArrayList<>();
        for (Path file : yamlFiles()) {
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            for (ObjectNode object : read(file)) {
                all.add(new Located(K8S.relativize(file).toString(), object));
            }
        }
        return all;
    }

    static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** An object and the file (or rendering) it came from, for messages. */
    record Located(String where, ObjectNode object) {
        @Override
        public String toString() {
            return where + ": " + kind(object) + " " + name(object);
        }
    }
}
