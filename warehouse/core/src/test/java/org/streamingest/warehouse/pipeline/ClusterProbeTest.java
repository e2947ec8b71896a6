package org.streamingest.warehouse.pipeline;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks {@code --flink HOST:PORT} makes before submitting, against a tiny HTTP server. */
class ClusterProbeTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aFlinkOfTheSameMinorVersionPassesAndListsItsJobManagerJars() throws IOException {
        URI rest =
                serve(
                        "{\"flink-version\":\"2.1.3\"}",
                        "{\"classpath\":[\"/opt/flink/lib/flink-dist-2.1.3.jar\","
                                + "\"/opt/flink/lib/iceberg-flink-runtime-2.1-1.11.0.jar\"]}");

        assertThat(ClusterProbe.requireCompatible(rest, "--flink x")).isEqualTo("2.1.3");
        assertThat(ClusterProbe.jobManagerJars(rest, "--flink x"))
                .containsExactlyInAnyOrder(
                        "flink-dist-2.1.3.jar", "iceberg-flink-runtime-2.1-1.11.0.jar");
    }

    @Test
    void anotherMinorVersionIsRefusedNamingBoth() throws IOException {
        URI rest = serve("{\"flink-version\":\"1.20.1\"}", null);

        assertThatThrownBy(() -> ClusterProbe.requireCompatible(rest, "--flink h:1"))
                .hasMessageContaining("runs Flink 1.20.1")
                .hasMessageContaining("built on Flink 2.1.0")
                .hasMessageContaining("--flink h:1");
    }

    @Test
    void anEndpointThatIsNotFlinksIsNamed() throws IOException {
        URI rest = serve(null, null);

        assertThatThrownBy(() -> ClusterProbe.requireCompatible(rest, "--flink h:2"))
                .hasMessageContaining("answered GET /config with HTTP 404")
                .hasMessageContaining("not the REST endpoint of a Flink cluster");
        assertThat(ClusterProbe.jobManagerJars(rest, "--flink h:2")).isEmpty();
    }

    /** Serves {@code /config} and {@code /jobmanager/environment} (404 where null). */
    private URI serve(String config, String environment) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    String body =
                            path.equals("/config")
                                    ? config
                                    : path.equals("/jobmanager/environment") ? environment : null;
                    byte[] bytes =
                            (body == null ? "{\"errors\":[\"Not found\"]}" : body)
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
