package org.streamingest.connector.kinesis.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 in front of a local Kinesis server that answers chosen calls with
 * a Kinesis error and forwards everything else. It exists because no local server throttles or
 * expires iterators on demand (notes/kinesis.md §3.5). It also records, per operation, how many
 * calls it saw and which access key id signed them.
 */
final class FaultInjectingHttpProxy implements AutoCloseable {
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([A-Z0-9]+)/");
    private static final Set<String> HOP_HEADERS =
            Set.of(
                    "host",
                    "connection",
                    "content-length",
                    "expect",
                    "upgrade",
                    "transfer-encoding");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Queue<String>> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Queue<String> accessKeys = new ConcurrentLinkedQueue<>();

    FaultInjectingHttpProxy(String targetEndpoint) throws IOException {
        this.target = URI.create(targetEndpoint);
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code times} calls of {@code operation} (e.g. GetRecords) fail with HTTP 400. */
    void failNext(String operation, int times, String errorType) {
        Queue<String> queue = faults.computeIfAbsent(operation, k -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(errorType);
        }
    }

    /** Calls of an operation seen so far, failed ones included. */
    int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /** Access key ids of the Authorization headers seen, in order. */
    List<String> accessKeyIds() {
        return List.copyOf(accessKeys);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation =
                    amzTarget == null ? "" : amzTarget.substring(amzTarget.indexOf('.') + 1);
            calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                Matcher m = CREDENTIAL.matcher(auth);
                if (m.find()) {
                    accessKeys.add(m.group(1));
                }
            }
            Queue<String> pending = faults.get(operation);
            String fault = pending == null ? null : pending.poll();
            if (fault != null) {
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                respondError(exchange, contentType, fault);
            } else {
                forward(exchange, body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(HttpExchange exchange, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                        .method(
                                exchange.getRequestMethod(),
                                HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) -> {
                            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                                values.forEach(v -> request.header(name, v));
                            }
                        });
        HttpResponse<byte[]> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers()
                .map()
                .forEach(
                        (name, values) -> {
                            if (!HOP_HEADERS.contains(name.toLowerCase())
                                    && !name.startsWith(":")) {
                                exchange.getResponseHeaders().put(name, values);
                            }
                        });
        send(exchange, response.statusCode(), response.body());
    }

    /** A Kinesis error in the request's wire format: CBOR when the SDK speaks CBOR, else JSON. */
    private static void respondError(HttpExchange exchange, String contentType, String type)
            throws IOException {
        String message = "Injected by the test's fault-injecting proxy";
        boolean cbor = contentType != null && contentType.contains("cbor");
        byte[] body =
                cbor
                        ? cborMap("__type", type, "message", message)
                        : ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}")
                                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set(
                        "Content-Type",
                        cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "injected");
        send(exchange, 400, body);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A CBOR map of text strings (RFC 8949 major types 5 and 3); enough for an error body. */
    static byte[] cborMap(String... keysAndValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xA0 | (keysAndValues.length / 2));
        for (String s : keysAndValues) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (utf8.length < 24) {
                out.write(0x60 | utf8.length);
            } else if (utf8.length < 256) {
                out.write(0x78);
                out.write(utf8.length);
            } else {
                out.write(0x79);
                out.write(utf8.length >> 8);
                out.write(utf8.length & 0xFF);
            }
            out.writeBytes(utf8);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
