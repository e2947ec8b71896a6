package org.streamingest.connector.kinesis.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal STS on 127.0.0.1 that answers AssumeRole (AWS query protocol: form-encoded request, XML
 * response) with fixed temporary credentials, or with an AccessDenied error. No real STS can run
 * here, so this stands in for it; it records each request's parameters and signing key id.
 */
final class FakeStsServer implements AutoCloseable {
    static final String ASSUMED_ACCESS_KEY_ID = "ASIAFAKEASSUMEDROLE1";
    static final String ASSUMED_SECRET = "assumedRoleSecretThatMustNeverBeLogged01";
    static final String ASSUMED_SESSION_TOKEN = "FakeSessionTokenOfTheAssumedRole";
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([A-Za-z0-9]+)/");

    private final HttpServer server;
    private final Queue<Map<String, String>> requests = new ConcurrentLinkedQueue<>();
    private final Queue<String> callerKeyIds = new ConcurrentLinkedQueue<>();
    private volatile boolean deny;

    FakeStsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, answer AssumeRole with 403 AccessDenied. */
    void denyAssumeRole() {
        deny = true;
    }

    List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    List<String> callerKeyIds() {
        return List.copyOf(callerKeyIds);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body =
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            requests.add(params);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher m = CREDENTIAL.matcher(auth == null ? "" : auth);
            if (m.find()) {
                callerKeyIds.add(m.group(1));
            }
            if (deny) {
                respond(exchange, 403, error("AccessDenied", "Not authorized to assume the role"));
            } else if ("AssumeRole".equals(params.get("Action"))) {
                respond(exchange, 200, assumeRole(params));
            } else {
                respond(
                        exchange,
                        400,
                        error("InvalidAction", "Unsupported " + params.get("Action")));
            }
        }
    }

    private static String assumeRole(Map<String, String> params) {
        String expiration =
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleResult><Credentials>"
                + "<AccessKeyId>"
                + ASSUMED_ACCESS_KEY_ID
                + "</AccessKeyId>"
                + "<SecretAccessKey>"
                + ASSUMED_SECRET
                + "</SecretAccessKey>"
                + "<SessionToken>"
                + ASSUMED_SESSION_TOKEN
                + "</SessionToken>"
                + "<Expiration>"
                + expiration
                + "</Expiration>"
                + "</Credentials><AssumedRoleUser>"
                + "<Arn>arn:aws:sts::123456789012:assumed-role/test/"
                + params.get("RoleSessionName")
                + "</Arn>"
                + "<AssumedRoleId>AROAFAKEROLEID:"
                + params.get("RoleSessionName")
                + "</AssumedRoleId>"
                + "</AssumedRoleUser></AssumeRoleResult>"
                + "<ResponseMetadata><RequestId>fake-sts</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>";
    }

    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<Error><Type>Sender</Type><Code>"
                + code
                + "</Code>"
                + "<Message>"
                + message
                + "</Message></Error>"
                + "<RequestId>fake-sts</RequestId></ErrorResponse>";
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
