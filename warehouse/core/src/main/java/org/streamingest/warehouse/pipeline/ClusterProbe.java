package org.streamingest.warehouse.pipeline;

import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks, before anything is submitted, that {@code --flink HOST:PORT} is the REST endpoint of a
 * Flink session cluster of the client's Flink version ({@code GET /config}, whose {@code
 * flink-version} every JobManager serves), and reads the jar files on its JobManager's classpath
 * ({@code GET /jobmanager/environment}). Each failure is a message naming the address and what to
 * do, not a stack trace from the first job submission.
 */
final class ClusterProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterProbe() {}

    /** The cluster's Flink version; fails unless it has the client's major and minor version. */
    static String requireCompatible(URI rest, String flag) {
        String version = flinkVersion(get(rest, "/config", flag), rest, flag);
        String client = EnvironmentInformation.getVersion();
        if (!minor(version).equals(minor(client))) {
            throw new IllegalStateException(
                    "The Flink cluster at "
                            + rest
                            + " ("
                            + flag
                            + ") runs Flink "
                            + version
                            + ", but streaming-ingest is built on Flink "
                            + client
                            + ": Flink does not run jobs submitted by another minor version. Start a"
                            + " Flink "
                            + minor(client)
                            + ".x session cluster, or use --flink local.");
        }
        return version;
    }

    /**
     * The file names of the jars on the JobManager's classpath (its {@code lib/}), or none if the
     * cluster does not say.
     */
    static Set<String> jobManagerJars(URI rest, String flag) {
        HttpResponse<String> response = get(rest, "/jobmanager/environment", flag);
        Set<String> jars = new HashSet<>();
        if (response.statusCode() == 200) {
            try {
                for (JsonNode entry : JSON.readTree(response.body()).path("classpath")) {
                    String path = entry.asText();
                    jars.add(path.substring(path.lastIndexOf('/') + 1));
                }
            } catch (IOException notJson) {
                return Set.of();
            }
        }
        return jars;
    }

    private static HttpResponse<String> get(URI rest, String path, String flag) {
        try {
            return HttpClient.newBuilder()
                    .connectTimeout(TIMEOUT)
                    .build()
                    .send(
                            HttpRequest.newBuilder(rest.resolve(path))
                                    .timeout(TIMEOUT)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot reach a Flink cluster at "
                            + rest
                            + " ("
                            + flag
                            + "): "
                            + describe(e)
                            + ". Start the session cluster (Flink's bin/start-cluster.sh) or pass"
                            + " the host and port of its REST endpoint (rest.address and rest.port"
                            + " in its config.yaml; 8081 by default), or use --flink local for an"
                            + " embedded Flink.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while contacting " + rest, e);
        }
    }

    private static String flinkVersion(HttpResponse<String> response, URI rest, String flag) {
        JsonNode version = null;
        if (response.statusCode() == 200) {
            try {
                version = JSON.readTree(response.body()).get("flink-version");
            } catch (IOException notJson) {
                // reported below
            }
        }
        if (version == null || version.asText().isEmpty()) {
            throw new IllegalStateException(
                    rest
                            + " ("
                            + flag
                            + ") answered GET /config with HTTP "
                            + response.statusCode()
                            + " and no Flink version: it is not the REST endpoint of a Flink"
                            + " cluster. Pass the host and port of the JobManager's REST endpoint"
                            + " (rest.address and rest.port in its config.yaml; 8081 by default).");
        }
        return version.asText();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused" + (message == null ? "" : " (" + message + ")");
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static String minor(String version) {
        String[] parts = version.split("[.-]");
        return parts.length < 2 ? version : parts[0] + "." + parts[1];
    }
}
