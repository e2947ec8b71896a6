package org.streamingest.warehouse.testing;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/**
 * The servers shared by all test classes of a JVM. Each starts on first use and is kept in the root
 * {@link ExtensionContext.Store}, which closes it when the test run ends (the servers' own shutdown
 * hooks are the backstop if the JVM dies first).
 */
final class SharedServers {

    /** The bucket of the shared S3 server. */
    static final String BUCKET = "warehouse";

    /** The prefix of the shared REST catalog's warehouse in {@link #BUCKET}. */
    static final String S3_WAREHOUSE_PREFIX = "rest-catalog";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedServers.class);

    private SharedServers() {}

    static S3Server s3(ExtensionContext context) {
        return shared(
                context,
                "s3",
                () -> {
                    S3Server server = S3Server.withBuckets(BUCKET);
                    server.start();
                    return server;
                });
    }

    static IcebergRestCatalogServer restCatalogOnS3(ExtensionContext context) {
        S3Server s3 = s3(context);
        return shared(
                context,
                "rest-catalog-on-s3",
                () -> started(IcebergRestCatalogServer.onS3(s3, S3_WAREHOUSE_PREFIX)));
    }

    static IcebergRestCatalogServer restCatalogOnLocalFiles(ExtensionContext context) {
        return shared(
                context,
                "rest-catalog-on-local-files",
                () -> started(IcebergRestCatalogServer.onLocalFiles()));
    }

    private static IcebergRestCatalogServer started(IcebergRestCatalogServer server) {
        server.start();
        return server;
    }

    @SuppressWarnings("unchecked")
    private static <T extends AutoCloseable> T shared(
            ExtensionContext context, String key, Supplier<T> start) {
        return (T)
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(key, k -> new Shared(start.get()), Shared.class)
                        .server();
    }

    /** Closes its server when the root store is closed. */
    private record Shared(AutoCloseable server)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
