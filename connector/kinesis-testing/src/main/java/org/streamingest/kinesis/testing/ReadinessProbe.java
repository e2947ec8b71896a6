package org.streamingest.kinesis.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Waits until a freshly started server answers a real ListStreams call. The request carries a
 * well-formed but fake SigV4 header: both servers check its shape, not its signature.
 */
final class ReadinessProbe {

    /** How a wait ended. */
    enum Outcome {
        READY,
        EXITED,
        TIMED_OUT
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final HttpClient http =
            HttpClient.newBuilder()
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1))
                    .build();

    /** Polls {@code endpoint} until it answers ListStreams, the process dies, or the deadline. */
    Outcome await(URI endpoint, Process process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return Outcome.EXITED;
            }
            if (answersListStreams(endpoint) && ownsPort(process, endpoint.getPort())) {
                return Outcome.READY;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return Outcome.TIMED_OUT;
    }

    /**
     * Whether the answer came from our process: if another process took the port between picking
     * and binding, ours exits with EADDRINUSE while the other one answers.
     */
    private static boolean ownsPort(Process process, int port) {
        if (!ListeningSockets.available()) {
            return process.isAlive();
        }
        return ListeningSockets.isListenedOnBy(process.pid(), port);
    }

    boolean answersListStreams(URI endpoint) throws InterruptedException {
        String amzDate = AMZ_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        HttpRequest request =
                HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofSeconds(2))
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                        .header("X-Amz-Date", amzDate)
                        .header(
                                "Authorization",
                                "AWS4-HMAC-SHA256 Credential="
                                        + KinesisClients.ACCESS_KEY_ID
                                        + "/"
                                        + amzDate.substring(0, 8)
                                        + "/us-east-1/kinesis/aws4_request,"
                                        + " SignedHeaders=content-type;host;x-amz-date;x-amz-target,"
                                        + " Signature=0000000000000000")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("StreamNames");
        } catch (IOException notYetListening) {
            return false;
        }
    }
}
