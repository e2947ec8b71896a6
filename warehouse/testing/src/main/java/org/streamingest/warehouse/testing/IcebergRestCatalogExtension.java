package org.streamingest.warehouse.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.net.URI;
import java.util.Map;

/**
 * JUnit 5 extension giving tests the JVM's shared {@link IcebergRestCatalogServer}, with its
 * warehouse on the shared {@link S3Server} ({@link #onS3()}: {@code s3://warehouse/rest-catalog})
 * or in a local directory ({@link #onLocalFiles()}). Servers start on first use, once per JVM for
 * all test classes, and stop when the test run ends. When a test fails, it prints the servers' log
 * paths.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final IcebergRestCatalogExtension CATALOG = IcebergRestCatalogExtension.onS3();
 * ... CATALOG.uri(), CATALOG.catalogProperties(), CATALOG.s3().endpoint()
 * }</pre>
 */
public final class IcebergRestCatalogExtension
        implements BeforeAllCallback, BeforeEachCallback, TestWatcher {

    private final boolean onS3;
    private volatile IcebergRestCatalogServer server;
    private volatile S3Server s3;

    private IcebergRestCatalogExtension(boolean onS3) {
        this.onS3 = onS3;
    }

    /** The REST catalog with its warehouse on the shared S3 server. */
    public static IcebergRestCatalogExtension onS3() {
        return new IcebergRestCatalogExtension(true);
    }

    /** The REST catalog with its warehouse in a local directory under target/. */
    public static IcebergRestCatalogExtension onLocalFiles() {
        return new IcebergRestCatalogExtension(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start(context);
    }

    private void start(ExtensionContext context) {
        if (onS3) {
            s3 = SharedServers.s3(context);
            server = SharedServers.restCatalogOnS3(context);
        } else {
            server = SharedServers.restCatalogOnLocalFiles(context);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String test = " (test " + context.getDisplayName() + " failed): ";
        if (server != null) {
            System.err.println("Iceberg REST catalog log" + test + server.logFile());
        }
        if (s3 != null) {
            System.err.println("s3mock log" + test + s3.logFile());
        }
    }

    /** The running catalog server; use it from {@code @BeforeAll}, test or {@code @AfterAll}. */
    public IcebergRestCatalogServer server() {
        if (server == null) {
            throw new IllegalStateException(
                    "The Iceberg REST catalog is not started yet: register"
                            + " IcebergRestCatalogExtension with @RegisterExtension static and use it"
                            + " from test lifecycle methods.");
        }
        return server;
    }

    /** The S3 server of the warehouse; only for {@link #onS3()}. */
    public S3Server s3() {
        if (!onS3) {
            throw new IllegalStateException("This catalog's warehouse is on local files, not S3");
        }
        server();
        return s3;
    }

    public URI uri() {
        return server().uri();
    }

    /** See {@link IcebergRestCatalogServer#catalogProperties()}. */
    public Map<String, String> catalogProperties() {
        return server().catalogProperties();
    }
}
