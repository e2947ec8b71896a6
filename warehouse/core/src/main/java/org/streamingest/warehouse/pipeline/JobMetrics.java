package org.streamingest.warehouse.pipeline;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a job's state and task metrics from Flink's REST API ({@code /jobs/:id}, {@code
 * /jobs/:id/vertices/:vid/metrics}). Metric ids at vertex level look like {@code
 * <subtask>.<operator>.<group>.<metric>}; callers select them by a predicate on the id.
 */
public final class JobMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI rest;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public JobMetrics(URI rest) {
        this.rest = rest;
    }

    /** True for a state a job never leaves: FINISHED, CANCELED or FAILED. */
    public static boolean ended(String state) {
        return JobStatus.valueOf(state).isGloballyTerminalState();
    }

    /** The job's state, such as RUNNING or FAILED. */
    public String state(JobID job) throws IOException, InterruptedException {
        return get("/jobs/" + job).path("state").asText();
    }

    /** The root exception of a failed job, or an empty string. */
    public String rootException(JobID job) throws IOException, InterruptedException {
        JsonNode exceptions = get("/jobs/" + job + "/exceptions");
        String root = exceptions.path("root-exception").asText("");
        if (!root.isEmpty()) {
            return root;
        }
        // Flink 2 dropped "root-exception": the newest entry of the history is the failure.
        JsonNode entries = exceptions.path("exceptionHistory").path("entries");
        return entries.isEmpty() ? "" : entries.get(0).path("stacktrace").asText("");
    }

    /** True when the job and all its vertices run (checkpoints and metrics are available). */
    public boolean allRunning(JobID job) throws IOException, InterruptedException {
        JsonNode details = get("/jobs/" + job);
        if (!"RUNNING".equals(details.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : details.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Values of every metric of every vertex whose id matches {@code wanted}. */
    public Map<String, String> metrics(JobID job, Predicate<String> wanted)
            throws IOException, InterruptedException {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode vertex : get("/jobs/" + job).path("vertices")) {
            String base = "/jobs/" + job + "/vertices/" + vertex.path("id").asText() + "/metrics";
            List<String> ids = new ArrayList<>();
            for (JsonNode metric : get(base)) {
                String id = metric.path("id").asText();
                if (wanted.test(id)) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                continue;
            }
            String query = URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8);
            for (JsonNode metric : get(base + "?get=" + query)) {
                values.put(metric.path("id").asText(), metric.path("value").asText());
            }
        }
        return values;
    }

    /** The parallelism of the vertices that have a metric matching {@code wanted}, summed. */
    public int subtasksWith(JobID job, Predicate<String> wanted)
            throws IOException, InterruptedException {
        int subtasks = 0;
        for (JsonNode vertex : get("/jobs/" + job).path("vertices")) {
            String base = "/jobs/" + job + "/vertices/" + vertex.path("id").asText() + "/metrics";
            for (JsonNode metric : get(base)) {
                if (wanted.test(metric.path("id").asText())) {
                    subtasks += vertex.path("parallelism").asInt();
                    break;
                }
            }
        }
        return subtasks;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(rest.resolve(path))
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "Flink REST "
                            + path
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return JSON.readTree(response.body());
    }
}
