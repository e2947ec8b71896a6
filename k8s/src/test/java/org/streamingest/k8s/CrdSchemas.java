package org.streamingest.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Flink Kubernetes operator's CRDs (1.15.0, {@code src/test/crds}, or {@code -Dk8s.crds.dir})
 * as JSON schemas that reject unknown fields, as {@code kubectl apply --validate=strict} does: the
 * CRDs do not say {@code additionalProperties: false}, so it is added to every object schema that
 * lists its {@code properties} and does not set {@code x-kubernetes-preserve-unknown-fields}
 * ({@code flinkConfiguration} keeps any key). At the top, {@code apiVersion}, {@code kind} and
 * {@code metadata} are allowed, as the API server does for every object; metadata itself is checked
 * against the Kubernetes model ({@link KubernetesModel}).
 */
final class CrdSchemas {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    /** "apiVersion kind" of each served version, its schema. */
    private final Map<String, Schema> schemas = new HashMap<>();

    private CrdSchemas() {}

    static CrdSchemas load() {
        Path dir = Paths.get(System.getProperty("k8s.crds.dir", "src/test/crds"));
        CrdSchemas crds = new CrdSchemas();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
                for (ObjectNode crd : Manifests.read(file)) {
                    crds.add(crd);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the operator's CRDs from "
                            + dir.toAbsolutePath()
                            + ": pass the folder holding them with -Dk8s.crds.dir",
                    e);
        }
        return crds;
    }

    private void add(ObjectNode crd) {
        JsonNode spec = crd.get("spec");
        String group = spec.path("group").asText();
        String kind = spec.path("names").path("kind").asText();
        for (JsonNode version : spec.path("versions")) {
            ObjectNode schema =
                    (ObjectNode) version.path("schema").path("openAPIV3Schema").deepCopy();
            strict(schema);
            ObjectNode properties = schema.with("properties");
            properties.with("apiVersion").put("type", "string");
            properties.with("kind").put("type", "string");
            properties.with("metadata").put("type", "object");
            String key = group + "/" + version.path("name").asText() + " " + kind;
            schemas.put(key, REGISTRY.getSchema(schema.toString(), InputFormat.JSON));
        }
    }

    /** additionalProperties: false wherever properties are listed and unknown ones not kept. */
    static void strict(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode object = (ObjectNode) schema;
            if (object.has("properties")
                    && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
        }
        for (JsonNode child : schema) {
            strict(child);
        }
    }

    boolean knows(JsonNode object) {
        return schemas.containsKey(key(object));
    }

    /** The schema errors of a custom resource; an unknown apiVersion and kind is one. */
    List<String> validate(JsonNode object) {
        Schema schema = schemas.get(key(object));
        if (schema == null) {
            return List.of("no CRD for " + key(object));
        }
        List<Error> errors = schema.validate(object.toString(), InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }

    private static String key(JsonNode object) {
        return object.path("apiVersion").asText() + " " + Manifests.kind(object);
    }
}
