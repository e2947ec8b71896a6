package org.streamingest.warehouse.testing.rest;

import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Main class of the Iceberg REST catalog child JVM: iceberg-core's {@link RESTCatalogServlet} over
 * a backend catalog, served by Jetty on one host only. Runs only on the classpath written to {@code
 * iceberg-rest-catalog.classpath}, never in a test JVM.
 *
 * <p>This replaces the fixture {@code org.apache.iceberg.rest.RESTCatalogServer} (iceberg-open-api
 * test-fixtures) because that one builds {@code new Server(port)}, which listens on 0.0.0.0.
 *
 * <p>Its single argument is a properties file: {@value #HOST} and {@value #PORT_FILE} are for this
 * class, every other entry is a backend catalog property ({@code catalog-impl}, {@code uri}, {@code
 * warehouse}, {@code io-impl}, {@code s3.*}, ...). The server binds an ephemeral port and, once it
 * accepts requests, writes that port to the port file.
 */
public final class RestCatalogMain {

    /** Address to listen on. */
    public static final String HOST = "rest.host";

    /** File the chosen port is written to, once the server is started. */
    public static final String PORT_FILE = "rest.port-file";

    private RestCatalogMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: RestCatalogMain <config.properties>");
        }
        Map<String, String> properties = load(Path.of(args[0]));
        String host = required(properties.remove(HOST), HOST);
        Path portFile = Path.of(required(properties.remove(PORT_FILE), PORT_FILE));

        Catalog backend =
                CatalogUtil.buildIcebergCatalog("rest_backend", properties, new Configuration());
        ServletContextHandler context =
                new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.addServlet(
                new ServletHolder(new RESTCatalogServlet(new RESTCatalogAdapter(backend))), "/*");

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();

        writeAtomically(portFile, Integer.toString(connector.getLocalPort()));
        System.out.println(
                "Iceberg REST catalog listening on " + host + ":" + connector.getLocalPort());
        server.join();
    }

    private static Map<String, String> load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing property " + key);
        }
        return value;
    }

    /** Writes next to the target and renames, so a reader never sees a partial port number. */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
