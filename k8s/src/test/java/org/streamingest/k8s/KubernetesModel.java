package org.streamingest.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' own objects checked against fabric8's model classes (kubernetes-model 8.0.0),
 * strictly: a value of the wrong type fails to bind, and an unknown field, which fabric8 keeps in
 * each class's {@code additionalProperties} instead of failing, is reported with its path.
 */
final class KubernetesModel {

    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final Map<String, Class<?>> KINDS =
            Map.of(
                    "v1 ConfigMap", ConfigMap.class,
                    "v1 Secret", Secret.class,
                    "v1 Service", Service.class,
                    "v1 ServiceAccount", ServiceAccount.class,
                    "v1 Namespace", Namespace.class,
                    "apps/v1 Deployment", Deployment.class,
                    "rbac.authorization.k8s.io/v1 Role", Role.class,
                    "rbac.authorization.k8s.io/v1 RoleBinding", RoleBinding.class);

    private KubernetesModel() {}

    static boolean knows(JsonNode object) {
        return KINDS.containsKey(key(object));
    }

    /** The model's complaints about a core object; an apiVersion and kind it lacks is one. */
    static List<String> validate(JsonNode object) {
        Class<?> type = KINDS.get(key(object));
        if (type == null) {
            return List.of("not a kind of the Kubernetes model here: " + key(object));
        }
        return bind(object, type);
    }

    /** The metadata of any object, custom resources' too. */
    static List<String> validateMetadata(JsonNode object) {
        return bind(object.path("metadata"), ObjectMeta.class);
    }

    private static List<String> bind(JsonNode json, Class<?> type) {
        Object model;
        try {
            model = MAPPER.treeToValue(json, type);
        } catch (Exception e) {
            return List.of(e.getMessage());
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(model, "", unknown, new IdentityHashMap<>());
        return unknown;
    }

    private static void unknownFields(
            Object value, String path, List<String> unknown, Map<Object, Object> seen) {
        if (value == null || seen.put(value, value) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        extra.keySet().forEach(k -> unknown.add("unknown field " + path + "." + k));
                    }
                } else {
                    unknownFields(fieldValue, path + "." + field.getName(), unknown, seen);
                }
            }
        }
    }

    private static String key(JsonNode object) {
        return object.path("apiVersion").asText() + " " + Manifests.kind(object);
    }
}
