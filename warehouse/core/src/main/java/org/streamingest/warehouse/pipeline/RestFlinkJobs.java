package org.streamingest.warehouse.pipeline;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@link FlinkJobs} over Flink's REST API: a job's state and task metrics from {@code /jobs/:id}
 * and {@code /jobs/:id/vertices/:vid/metrics}, stop-with-savepoint and cancel through the cluster's
 * REST client. Metric ids at vertex level look like {@code <subtask>.<operator>.<group>.<metric>};
 * callers select them by a predicate on the id.
 */
public final class RestFlinkJobs implements FlinkJobs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlinkCluster cluster;
    private final URI rest;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public RestFlinkJobs(FlinkCluster cluster) {
        this.cluster = cluster;
        this.rest = cluster.restAddress();
    }

    @Override
    public JobID start(TableEnvironment env, String statement) {
        TableResult result = env.executeSql(statement);
        return result.getJobClient()
                .orElseThrow(() -> new IllegalStateException("No job for " + statement))
                .getJobID();
    }

    @Override
    public String stopWithSavepoint(JobID job, String directory) throws Exception {
        return cluster.client()
                .stopWithSavepoint(job, false, directory, SavepointFormatType.CANONICAL)
                .get(5, TimeUnit.MINUTES);
    }

    @Override
    public void cancel(JobID job) throws Exception {
        try {
            cluster.client().cancel(job).get(1, TimeUnit.MINUTES);
        } catch (Exception alreadyEnded) {
            // a job that failed or finished cannot be cancelled: it has ended anyway
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!FlinkJobs.ended(state(job))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Job " + job + " did not end within 1 minute.");
            }
            Thread.sleep(50);
        }
    }

    @Override
    public String state(JobID job) throws IOException, InterruptedException {
        return get("/jobs/" + job).path("state").asText();
    }

    @Override
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

    @Override
    public boolean allTasksRunning(JobID job) throws IOException, InterruptedException {
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

    @Override
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

    @Override
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
