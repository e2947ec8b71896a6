package org.streamingest.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamingest.k8s.KustomizeTest.get;

/**
 * What the schemas cannot see, in each rendered overlay: every placeholder of the base replaced,
 * the views' catalog arguments and state directories agreeing with the `warehouse` ConfigMap that
 * serve and the gateway use, and every name a manifest refers to defined.
 */
class ManifestConsistencyTest {

    static Stream<Path> overlays() {
        return Manifests.OVERLAYS.stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void replacesEveryPlaceholder(Path overlay) {
        assertThat(Kustomize.build(overlay).toString()).doesNotContain("CHANGE_ME");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void viewsUseTheWarehouseOfServeAndTheGateway(Path overlay) {
        List<ObjectNode> objects = Kustomize.build(overlay);
        JsonNode env = get(objects, "ConfigMap", "warehouse").get("data");
        String warehouse = env.get("WAREHOUSE").asText();
        Set<String> catalog = new LinkedHashSet<>();
        catalog.add("warehouse=" + warehouse);
        catalog.add("aws.region=" + env.get("AWS_REGION").asText());
        String options = env.get("CATALOG_OPTIONS").asText().trim();
        if (!options.isEmpty()) {
            catalog.addAll(Arrays.asList(options.split("\\s+")));
        }
        List<JsonNode> views = new ArrayList<>();
        for (ObjectNode o : objects) {
            if (o.at("/spec/job/entryClass").asText().endsWith(".ViewApplication")) {
                views.add(o);
            }
        }
        assertThat(views).isNotEmpty();
        for (JsonNode view : views) {
            List<String> args = new ArrayList<>();
            view.at("/spec/job/args").forEach(a -> args.add(a.asText()));
            Set<String> given = new LinkedHashSet<>();
            for (int i = 0; i < args.size(); i += 2) {
                if (args.get(i).equals("--catalog")) {
                    given.add(args.get(i + 1));
                }
            }
            assertThat(given).as(Manifests.name(view)).isEqualTo(catalog);
            String name = args.get(args.indexOf("--view") + 1);
            JsonNode conf = view.at("/spec/flinkConfiguration");
            // the view's own directories, where the view service and every door look
            assertThat(conf.path("execution.checkpointing.dir").asText())
                    .isEqualTo(warehouse + "/checkpoints/" + name);
            assertThat(conf.path("execution.checkpointing.savepoint-dir").asText())
                    .isEqualTo(warehouse + "/savepoints/" + name);
            assertThat(view.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferenceIsDefined(Path overlay) {
        List<ObjectNode> objects = Kustomize.build(overlay);
        Set<String> defined =
                objects.stream()
                        .map(o -> Manifests.kind(o) + "/" + Manifests.name(o))
                        .collect(Collectors.toSet());
        String namespace =
                get(objects, "Namespace", "streaming-ingest").at("/metadata/name").asText();
        for (ObjectNode o : objects) {
            for (JsonNode ref : o.findValues("configMapRef")) {
                assertThat(defined).contains("ConfigMap/" + ref.get("name").asText());
            }
            for (JsonNode ref : o.findValues("secretRef")) {
                assertThat(defined).contains("Secret/" + ref.get("name").asText());
            }
            for (JsonNode ref : o.findValues("configMap")) {
                assertThat(defined).contains("ConfigMap/" + ref.get("name").asText());
            }
            for (String field : List.of("serviceAccount", "serviceAccountName")) {
                for (JsonNode ref : o.findValues(field)) {
                    assertThat(defined).contains("ServiceAccount/" + ref.asText());
                }
            }
            if (Manifests.kind(o).equals("FlinkSessionJob")) {
                assertThat(defined)
                        .contains("FlinkDeployment/" + o.at("/spec/deploymentName").asText());
            }
            if (Manifests.kind(o).equals("RoleBinding")) {
                for (JsonNode subject : o.get("subjects")) {
                    assertThat(defined).contains("ServiceAccount/" + subject.get("name").asText());
                    assertThat(subject.get("namespace").asText()).isEqualTo(namespace);
                }
                assertThat(defined).contains("Role/" + o.at("/roleRef/name").asText());
            }
            if (Manifests.kind(o).equals("Service")) {
                JsonNode selector = o.at("/spec/selector");
                assertThat(objects)
                        .as("pods for Service " + Manifests.name(o))
                        .anySatisfy(
                                d ->
                                        assertThat(d.at("/spec/template/metadata/labels"))
                                                .isEqualTo(selector));
            }
        }
        // serve and the gateway reach the session cluster through the Service the operator makes
        assertThat(get(objects, "ConfigMap", "warehouse").at("/data/FLINK_REST").asText())
                .isEqualTo(
                        Manifests.name(get(objects, "FlinkDeployment", "warehouse"))
                                + "-rest:8081");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodRunsTheSameImage(Path overlay) {
        Set<String> images = new LinkedHashSet<>();
        for (ObjectNode o : Kustomize.build(overlay)) {
            o.findValues("image").forEach(i -> images.add(i.asText()));
        }
        assertThat(images).hasSize(1);
    }
}
