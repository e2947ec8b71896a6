package org.streamingest.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kustomize build} for the features {@code k8s/} uses, with kustomize's rules for them:
 *
 * <ul>
 *   <li>{@code resources}: files (every YAML document) and directories (their {@code
 *       kustomization.yaml}, built first), in order; two objects with the same kind, name and
 *       namespace are an error;
 *   <li>{@code patches} with {@code path}: each document of the file patches the one object of the
 *       same apiVersion, kind and name. Kubernetes' own kinds get a strategic merge patch (lists of
 *       containers, volumes, env, ports merged by their merge key, other lists replaced, {@code
 *       null} deletes); custom resources get a JSON merge patch (RFC 7386: objects merged, lists
 *       replaced), as kustomize does for kinds it has no schema of;
 *   <li>{@code namespace}: set on every namespaced object (not on Namespace, ClusterRole,
 *       ClusterRoleBinding, CustomResourceDefinition); RoleBinding subjects are left alone;
 *   <li>{@code labels} with {@code pairs} only: added to every object's {@code metadata.labels} (no
 *       selectors, no templates, as kustomize without includeSelectors/includeTemplates).
 * </ul>
 *
 * Any other field of a kustomization (namePrefix, configMapGenerator, images, components, a patch's
 * target or inline patch, ...) is an error rather than ignored, so a manifest cannot use a feature
 * this renderer would get wrong.
 */
final class Kustomize {

    private static final Set<String> FIELDS =
            Set.of("apiVersion", "kind", "resources", "patches", "namespace", "labels");

    private static final Set<String> CLUSTER_SCOPED =
            Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition");

    /** The merge keys of the Kubernetes API's lists that {@code k8s/} patches. */
    private static final Map<String, String> MERGE_KEYS =
            Map.of(
                    "containers", "name",
                    "initContainers", "name",
                    "volumes", "name",
                    "env", "name",
                    "volumeMounts", "mountPath",
                    "ports", "containerPort");

    private Kustomize() {}

    /** The objects {@code kustomize build dir} prints. */
    static List<ObjectNode> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " has no kustomization.yaml");
        }
        ObjectNode k = Manifests.read(file).get(0);
        k.fieldNames()
                .forEachRemaining(
                        field -> {
                            if (!FIELDS.contains(field)) {
                                throw new IllegalArgumentException(
                                        file
                                                + ": kustomization field '"
                                                + field
                                                + "' is not implemented by this renderer");
                            }
                        });
        require(k, "apiVersion", "kustomize.config.k8s.io/v1beta1", file);
        require(k, "kind", "Kustomization", file);

        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : k.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            List<ObjectNode> added = Files.isDirectory(path) ? build(path) : Manifests.read(path);
            for (ObjectNode object : added) {
                if (find(objects, object) != null) {
                    throw new IllegalArgumentException(
                            file + ": " + id(object) + " is defined twice");
                }
                objects.add(object);
            }
        }
        for (JsonNode patch : k.path("patches")) {
            Iterator<String> fields = patch.fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (!field.equals("path")) {
                    throw new IllegalArgumentException(
                            file + ": patch field '" + field + "' is not implemented");
                }
            }
            Path path = dir.resolve(patch.path("path").asText()).normalize();
            for (ObjectNode p : Manifests.read(path)) {
                ObjectNode target = find(objects, p);
                if (target == null) {
                    throw new IllegalArgumentException(
                            path + ": no object " + id(p) + " to patch in " + dir);
                }
                if (builtIn(target)) {
                    strategicMerge(target, p);
                } else {
                    mergePatch(target, p);
                }
            }
        }
        if (k.has("namespace")) {
            String namespace = k.get("namespace").asText();
            for (ObjectNode object : objects) {
                if (!CLUSTER_SCOPED.contains(Manifests.kind(object))) {
                    metadata(object).put("namespace", namespace);
                }
            }
        }
        for (JsonNode label : k.path("labels")) {
            label.fieldNames()
                    .forEachRemaining(
                            field -> {
                                if (!field.equals("pairs")) {
                                    throw new IllegalArgumentException(
                                            file
                                                    + ": labels field '"
                                                    + field
                                                    + "' is not implemented");
                                }
                            });
            for (ObjectNode object : objects) {
                ObjectNode labels = metadata(object).with("labels");
                label.get("pairs")
                        .fields()
                        .forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
            }
        }
        return objects;
    }

    private static void require(ObjectNode k, String field, String value, Path file) {
        if (!value.equals(k.path(field).asText())) {
            throw new IllegalArgumentException(file + ": " + field + " must be " + value);
        }
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.with("metadata");
    }

    /** Kubernetes' own API groups: the core group and those without a dot, and *.k8s.io. */
    private static boolean builtIn(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        if (!apiVersion.contains("/")) {
            return true;
        }
        String group = apiVersion.substring(0, apiVersion.indexOf('/'));
        return !group.contains(".") || group.endsWith(".k8s.io");
    }

    private static String id(JsonNode object) {
        return object.path("apiVersion").asText()
                + " "
                + Manifests.kind(object)
                + " "
                + Manifests.name(object);
    }

    private static ObjectNode find(List<ObjectNode> objects, JsonNode like) {
        for (ObjectNode object : objects) {
            if (id(object).equals(id(like))
                    && object.path("metadata")
                            .path("namespace")
                            .asText()
                            .equals(like.path("metadata").path("namespace").asText())) {
                return object;
            }
        }
        return null;
    }

    /** RFC 7386: objects merge, null deletes, anything else (lists too) replaces. */
    static void mergePatch(ObjectNode target, JsonNode patch) {
        patch.fields()
                .forEachRemaining(
                        e -> {
                            JsonNode value = e.getValue();
                            JsonNode current = target.get(e.getKey());
                            if (value.isNull()) {
                                target.remove(e.getKey());
                            } else if (value.isObject() && current != null && current.isObject()) {
                                mergePatch((ObjectNode) current, value);
                            } else {
                                target.set(e.getKey(), value.deepCopy());
                            }
                        });
    }

    /** A strategic merge patch: as {@link #mergePatch}, but lists with a merge key merge by it. */
    static void strategicMerge(ObjectNode target, JsonNode patch) {
        patch.fields()
                .forEachRemaining(
                        e -> {
                            String field = e.getKey();
                            JsonNode value = e.getValue();
                            JsonNode current = target.get(field);
                            if (value.isNull()) {
                                target.remove(field);
                            } else if (value.isObject() && current != null && current.isObject()) {
                                strategicMerge((ObjectNode) current, value);
                            } else if (value.isArray()
                                    && current != null
                                    && current.isArray()
                                    && MERGE_KEYS.containsKey(field)) {
                                mergeList(
                                        (ArrayNode) current,
                                        (ArrayNode) value,
                                        MERGE_KEYS.get(field));
                            } else {
                                target.set(field, value.deepCopy());
                            }
                        });
    }

    private static void mergeList(ArrayNode current, ArrayNode patch, String key) {
        for (JsonNode item : patch) {
            if (!item.has(key)) {
                throw new IllegalArgumentException("a list item without its merge key " + key);
            }
            ObjectNode match = null;
            for (JsonNode existing : current) {
                if (existing.path(key).equals(item.get(key))) {
                    match = (ObjectNode) existing;
                }
            }
            if (match == null) {
                current.add(item.deepCopy());
            } else {
                strategicMerge(match, item);
            }
        }
    }
}
