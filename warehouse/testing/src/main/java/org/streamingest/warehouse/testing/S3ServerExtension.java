package org.streamingest.warehouse.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.net.URI;
import java.util.Map;

/**
 * JUnit 5 extension giving tests the JVM's shared {@link S3Server} (s3mock on 127.0.0.1, bucket
 * {@value SharedServers#BUCKET}), started on first use and stopped when the test run ends. When a
 * test fails, it prints the path of the server's log.
 *
 * <pre>{@code
 * @RegisterExtension static final S3ServerExtension S3 = new S3ServerExtension();
 * ... S3.endpoint(), S3.bucket(), S3.server().icebergProperties()
 * }</pre>
 */
public final class S3ServerExtension implements BeforeAllCallback, BeforeEachCallback, TestWatcher {

    private volatile S3Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = SharedServers.s3(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server = SharedServers.s3(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (server != null) {
            System.err.println(
                    "s3mock log (test "
                            + context.getDisplayName()
                            + " failed): "
                            + server.logFile());
        }
    }

    /** The running server; use it from {@code @BeforeAll}, test or {@code @AfterAll} methods. */
    public S3Server server() {
        if (server == null) {
            throw new IllegalStateException(
                    "The S3 server is not started yet: register S3ServerExtension with"
                            + " @RegisterExtension static and use it from test lifecycle methods.");
        }
        return server;
    }

    public URI endpoint() {
        return server().endpoint();
    }

    public String bucket() {
        return server().bucket();
    }

    /** The Iceberg {@code S3FileIO} properties that reach the server. */
    public Map<String, String> icebergProperties() {
        return server().icebergProperties();
    }
}
