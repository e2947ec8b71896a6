package org.streamingest.k8s;

import org.streamingest.k8s.Manifests.Located;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object under {@code k8s/} (base, overlay patches) and every object the overlays render
 * validates: custom resources against the operator's CRD schemas with unknown fields rejected,
 * Kubernetes' own kinds against fabric8's model, strictly, and the metadata of both. And the checks
 * fail on what they must catch.
 */
class ManifestValidationTest {

    private static final CrdSchemas CRDS = CrdSchemas.load();

    static Stream<Located> objects() {
        List<Located> all = new ArrayList<>(Manifests.allObjects());
        for (Path overlay : Manifests.OVERLAYS) {
            for (ObjectNode object : Kustomize.build(overlay)) {
                all.add(new Located("rendered " + Manifests.K8S.relativize(overlay), object));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void validates(Located located) {
        assertThat(errors(located.object())).as(located.toString()).isEmpty();
    }

    @Test
    void coversTheKindsOfTheDeployment() {
        assertThat(objects().map(l -> Manifests.kind(l.object())).distinct())
                .contains(
                        "FlinkDeployment",
                        "FlinkSessionJob",
                        "Deployment",
                        "Service",
                        "ConfigMap",
                        "ServiceAccount",
                        "Role",
                        "RoleBinding");
    }

    @Test
    void rejectsAnUnknownFieldOfACustomResource() {
        ObjectNode view = application();
        ((ObjectNode) view.at("/spec/job")).put("entryClas", "x.Y");
        assertThat(errors(view)).singleElement().asString().contains("entryClas");
    }

    @Test
    void rejectsAnUnknownFieldDeepInAPodTemplate() {
        ObjectNode view =
                Manifests.parse(
                        """
                        apiVersion: flink.apache.org/v1beta1
                        kind: FlinkDeployment
                        metadata: {name: v}
                        spec:
                          podTemplate:
                            spec:
                              containers:
                                - name: flink-main-container
                                  volumeMount: [{name: data, mountPath: /data}]
                        """);
        assertThat(errors(view)).singleElement().asString().contains("volumeMount");
    }

    @Test
    void rejectsAValueOutsideAnEnum() {
        ObjectNode view = application();
        ((ObjectNode) view.get("spec")).put("flinkVersion", "v2_9");
        assertThat(errors(view)).singleElement().asString().contains("flinkVersion");
    }

    @Test
    void keepsAnyKeyOfFlinkConfiguration() {
        ObjectNode view = application();
        ((ObjectNode) view.at("/spec/flinkConfiguration")).put("any.flink.key", "x");
        assertThat(errors(view)).isEmpty();
    }

    @Test
    void rejectsUnknownMetadata() {
        ObjectNode view = application();
        ((ObjectNode) view.get("metadata")).put("labelz", "x");
        assertThat(errors(view)).singleElement().asString().contains("labelz");
    }

    @Test
    void rejectsAnUnknownFieldOfACoreObject() {
        ObjectNode serve = first("base/serve.yaml");
        ((ObjectNode) serve.at("/spec/template/spec/containers/0")).put("imagePolicy", "Always");
        assertThat(errors(serve)).singleElement().asString().contains("imagePolicy");
    }

    @Test
    void rejectsAWrongType() {
        ObjectNode serve = first("base/serve.yaml");
        ((ObjectNode) serve.get("spec")).put("replicas", "one");
        assertThat(errors(serve)).singleElement().asString().contains("replicas");
    }

    @Test
    void rejectsAKindNeitherKnows() {
        ObjectNode job =
                Manifests.parse("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x}");
        assertThat(errors(job)).singleElement().asString().contains("batch/v1 CronJob");
    }

    private static List<String> errors(ObjectNode object) {
        List<String> errors = new ArrayList<>();
        if (CRDS.knows(object)) {
            errors.addAll(CRDS.validate(object));
            errors.addAll(KubernetesModel.validateMetadata(object));
        } else {
            errors.addAll(KubernetesModel.validate(object));
        }
        return errors;
    }

    private static ObjectNode application() {
        return first("base/view-application.yaml");
    }

    private static ObjectNode first(String file) {
        return Manifests.read(Manifests.K8S.resolve(file)).get(0);
    }
}
