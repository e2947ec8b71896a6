package org.streamingest.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The renderer follows kustomize's rules for what {@code k8s/} uses, and refuses the rest. */
class KustomizeTest {

    @Test
    void rendersTheLocalOverlay() {
        List<ObjectNode> objects = Kustomize.build(Manifests.K8S.resolve("overlays/local"));

        // the base's objects and the overlay's own, each once
        assertThat(objects.stream().map(o -> Manifests.kind(o) + "/" + Manifests.name(o)))
                .containsExactlyInAnyOrder(
                        "ServiceAccount/streaming-ingest",
                        "Role/streaming-ingest-flink",
                        "RoleBinding/streaming-ingest-flink",
                        "ConfigMap/warehouse",
                        "ConfigMap/streaming-ingest-cli",
                        "FlinkDeployment/warehouse",
                        "Deployment/warehouse-serve",
                        "ConfigMap/sql-gateway",
                        "Deployment/sql-gateway",
                        "Service/sql-gateway",
                        "FlinkDeployment/my-view",
                        "Namespace/streaming-ingest",
                        "Secret/aws-local");
        // namespace on namespaced objects only; the base's label on the base's objects only
        for (ObjectNode o : objects) {
            assertThat(o.at("/metadata/namespace").asText())
                    .isEqualTo(Manifests.kind(o).equals("Namespace") ? "" : "streaming-ingest");
            boolean overlays = Set.of("Namespace", "Secret").contains(Manifests.kind(o));
            assertThat(o.at("/metadata/labels/app.kubernetes.io~1part-of").asText())
                    .isEqualTo(overlays ? "" : "streaming-ingest");
        }
        // strategic merge: the container merged by name keeps the base's command and image
        JsonNode serve = get(objects, "Deployment", "warehouse-serve");
        JsonNode container = serve.at("/spec/template/spec/containers");
        assertThat(container).hasSize(1);
        assertThat(container.get(0).get("image").asText()).isEqualTo("streaming-ingest:0.1.0");
        assertThat(container.get(0).at("/command/1").asText())
                .isEqualTo("/etc/streaming-ingest/cli/cli.sh");
        // volumeMounts merged by mountPath, volumes by name: the base's and the overlay's
        assertThat(container.get(0).get("volumeMounts").findValuesAsText("mountPath"))
                .containsExactly("/etc/streaming-ingest/cli", "/data/streaming-ingest");
        assertThat(serve.at("/spec/template/spec/volumes").findParents("hostPath").size())
                .isEqualTo(1);
        assertThat(serve.at("/spec/template/spec/volumes"))
                .extracting(volume -> volume.get("name").asText())
                .containsExactly("cli", "data");
        // merge patch of a custom resource: maps merged, the args list replaced
        JsonNode view = get(objects, "FlinkDeployment", "my-view");
        assertThat(view.at("/spec/flinkConfiguration/taskmanager.numberOfTaskSlots").asText())
                .isEqualTo("1");
        assertThat(view.at("/spec/job/args").toString()).doesNotContain("CHANGE_ME");
        assertThat(view.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
    }

    @Test
    void strategicMergeReplacesListsWithoutAMergeKey() {
        ObjectNode target = Manifests.parse("args: [a, b]\ncontainers: [{name: c, image: i}]");
        Kustomize.strategicMerge(
                target, Manifests.parse("args: [z]\ncontainers: [{name: d, image: j}]"));
        assertThat(target.get("args").toString()).isEqualTo("[\"z\"]");
        assertThat(target.get("containers").findValuesAsText("name")).containsExactly("c", "d");
    }

    @Test
    void nullDeletes() {
        ObjectNode target = Manifests.parse("a: {b: 1, c: 2}");
        Kustomize.mergePatch(target, Manifests.parse("a: {b: null}"));
        assertThat(target.toString()).isEqualTo("{\"a\":{\"c\":2}}");
    }

    @Test
    void refusesAFieldItDoesNotImplement(@TempDir Path dir) throws IOException {
        kustomization(dir, "namePrefix: dev-\nresources: []\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("namePrefix");
    }

    @Test
    void refusesAPatchWithoutATarget(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        Files.writeString(
                dir.resolve("patch.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {x: y}\n");
        kustomization(dir, "resources: [cm.yaml]\npatches:\n  - path: patch.yaml\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("no object");
    }

    @Test
    void refusesAnObjectDefinedTwice(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        kustomization(dir, "resources: [cm.yaml, cm.yaml]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("twice");
    }

    private static void kustomization(Path dir, String body) throws IOException {
        Files.writeString(
                dir.resolve("kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" + body);
    }

    static JsonNode get(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> Manifests.kind(o).equals(kind) && Manifests.name(o).equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
