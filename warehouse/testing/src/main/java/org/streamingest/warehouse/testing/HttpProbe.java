package org.streamingest.warehouse.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends one bodiless HTTP request to a local server and reports the status, for readiness. */
final class HttpProbe {

    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1))
                    .build();

    private HttpProbe() {}

    /** The status of {@code method uri}, or -1 if nothing answered (yet). */
    static int status(String method, URI uri) throws InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(5))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYetListening) {
            return -1;
        }
    }
}
