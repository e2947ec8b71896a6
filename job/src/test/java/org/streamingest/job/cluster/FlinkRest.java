package org.streamingest.job.cluster;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** GETs JSON from a Flink JobManager's REST endpoint on 127.0.0.1. */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row of {@code GET /jobs/overview}. */
    public record Job(String id, String name, String state) {}

    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();

    FlinkRest(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The JSON answer to {@code GET path}; an IOException if not 200 or not reachable. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(address().resolve(path))
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The JSON answer to {@code POST path} with {@code body}; an IOException unless 2xx. */
    JsonNode post(String path, String body) throws IOException, InterruptedException {
        return post(path, body, Duration.ofSeconds(10));
    }

    /** {@link #post(String, String)} waiting up to {@code timeout} for the answer. */
    JsonNode post(String path, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(address().resolve(path))
                                .timeout(timeout)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    "POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** {@code POST /jars/upload} of {@code jar}, as the operator uploads a session job's jar. */
    String uploadJar(java.nio.file.Path jar) throws IOException, InterruptedException {
        String boundary = "streaming-ingest-" + System.nanoTime();
        byte[] head =
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                                + jar.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail =
                ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(address().resolve("/jars/upload"))
                                .timeout(Duration.ofMinutes(2))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(
                                        HttpRequest.BodyPublishers.concat(
                                                HttpRequest.BodyPublishers.ofByteArray(head),
                                                HttpRequest.BodyPublishers.ofFile(jar),
                                                HttpRequest.BodyPublishers.ofByteArray(tail)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "POST /jars/upload answered " + response.statusCode() + ": " + response.body());
        }
        String file = JSON.readTree(response.body()).path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /**
     * {@code POST /jobs/:id/stop} with a savepoint into {@code directory} (what the operator does
     * to upgrade or suspend a job); returns the savepoint's path once it completed.
     */
    String stopWithSavepoint(String job, String directory) throws Exception {
        String trigger =
                post(
                                "/jobs/" + job + "/stop",
                                JSON.writeValueAsString(
                                        java.util.Map.of(
                                                "targetDirectory", directory, "drain", false)))
                        .path("request-id")
                        .asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + job + "/savepoints/" + trigger);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new AssertionError("The savepoint of " + job + " failed: " + operation);
                }
                return operation.path("location").asText();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The savepoint of " + job + " did not complete in 2 minutes");
    }

    /** Every job the cluster knows, running or ended. */
    List<Job> jobs() throws IOException, InterruptedException {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            jobs.add(
                    new Job(
                            job.path("jid").asText(),
                            job.path("name").asText(),
                            job.path("state").asText()));
        }
        return jobs;
    }
}
