package org.streamingest.warehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * An Iceberg REST catalog for tests, in a child JVM: iceberg-core's {@code RESTCatalogServlet} over
 * a JDBC catalog in a SQLite file, served on 127.0.0.1 on an ephemeral port. Its warehouse is a
 * local directory or a prefix in a bucket of an {@link S3Server} (through {@code S3FileIO}).
 *
 * <p>Start-up, measured (2 CPUs, JDK 17): 1.1 s until {@code GET /v1/config} answers 200. The
 * server's output goes to {@code rest-catalog.log} in its work directory. Its classes never join
 * the test's classpath, so it can run next to {@code iceberg-flink-runtime} (they clash on
 * Jackson).
 */
public final class IcebergRestCatalogServer implements AutoCloseable {

    private static final String MAIN = "org.streamingest.warehouse.testing.rest.RestCatalogMain";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final String warehouse;
    private final Map<String, String> ioProperties;
    private ChildJvm jvm;
    private URI uri;

    private IcebergRestCatalogServer(Path workDir, String warehouse, Map<String, String> io) {
        this.workDir = workDir;
        this.warehouse = warehouse;
        this.ioProperties = Collections.unmodifiableMap(new LinkedHashMap<>(io));
    }

    /** A catalog whose warehouse is {@code <workDir>/warehouse} (files under target/). */
    public static IcebergRestCatalogServer onLocalFiles() {
        Path workDir = WorkDirectories.create("iceberg-rest-catalog");
        return new IcebergRestCatalogServer(
                workDir, workDir.resolve("warehouse").toUri().toString(), Map.of());
    }

    /** A catalog whose warehouse is {@code s3://<bucket>/<prefix>} on the started {@code s3}. */
    public static IcebergRestCatalogServer onS3(S3Server s3, String prefix) {
        return new IcebergRestCatalogServer(
                WorkDirectories.create("iceberg-rest-catalog"),
                "s3://" + s3.bucket() + "/" + prefix,
                s3.icebergProperties());
    }

    /** Starts the server and returns its base URI ({@code http://127.0.0.1:<port>}). */
    public URI start() {
        if (jvm != null) {
            throw new IllegalStateException("Already started: " + this);
        }
        Path portFile = workDir.resolve("port");
        Path config = writeConfig(portFile);
        List<String> args =
                List.of(
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        ChildClasspath.asClasspath(ChildClasspath.restCatalog()),
                        MAIN,
                        config.toString());
        ChildJvm child =
                ChildJvm.launch("Iceberg REST catalog", args, workDir.resolve("rest-catalog.log"));
        child.awaitReady(() -> Files.exists(portFile) && answersConfig(portFile), READY_TIMEOUT);
        this.jvm = child;
        return uri;
    }

    private boolean answersConfig(Path portFile) throws IOException, InterruptedException {
        URI base = URI.create("http://127.0.0.1:" + Files.readString(portFile).trim());
        if (HttpProbe.status("GET", base.resolve("/v1/config")) != 200) {
            return false;
        }
        this.uri = base;
        return true;
    }

    private Path writeConfig(Path portFile) {
        Properties properties = new Properties();
        properties.putAll(ioProperties);
        properties.put("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
        properties.put("uri", "jdbc:sqlite:" + workDir.resolve("catalog.sqlite"));
        properties.put("jdbc.schema-version", "V1");
        properties.put("warehouse", warehouse);
        properties.put("rest.host", "127.0.0.1");
        properties.put("rest.port-file", portFile.toString());
        Path config = workDir.resolve("catalog.properties");
        try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            properties.store(writer, "Iceberg REST catalog test server");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + config, e);
        }
        return config;
    }

    /** The base URI, {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        requireStarted();
        return uri;
    }

    /** The server's warehouse location ({@code file:/...} or {@code s3://bucket/prefix}). */
    public String warehouse() {
        return warehouse;
    }

    /**
     * The Iceberg catalog properties a client needs: {@code catalog-impl} = RESTCatalog, {@code
     * uri}, and for an S3 warehouse the {@code S3FileIO} settings. In Flink SQL, add {@code
     * 'type'='iceberg'}; {@code 'catalog-type'='rest'} must not be set next to {@code
     * catalog-impl}.
     */
    public Map<String, String> catalogProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("catalog-impl", "org.apache.iceberg.rest.RESTCatalog");
        properties.put("uri", uri().toString());
        properties.putAll(ioProperties);
        return properties;
    }

    public long pid() {
        requireStarted();
        return jvm.pid();
    }

    public Path logFile() {
        return workDir.resolve("rest-catalog.log");
    }

    private void requireStarted() {
        if (jvm == null) {
            throw new IllegalStateException("The Iceberg REST catalog is not started");
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        if (jvm != null) {
            jvm.close();
        }
    }

    @Override
    public String toString() {
        return "IcebergRestCatalogServer("
                + warehouse
                + (jvm == null ? ", not started)" : ", " + jvm + ")");
    }
}
