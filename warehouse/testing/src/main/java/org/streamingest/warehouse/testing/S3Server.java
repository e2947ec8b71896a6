package org.streamingest.warehouse.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An S3 server for tests: s3mock 4.11.0 ({@code s3mock-4.11.0-exec.jar}, Spring Boot) in a child
 * JVM, listening on 127.0.0.1 only, on free ports, with its buckets created and its objects under a
 * fresh root directory. It accepts any credentials and unsigned requests, path-style.
 *
 * <p>Start-up, measured (2 CPUs, JDK 17, warm disk cache): 4.1-4.4 s until the bucket answers.
 * {@link #start()} returns once {@code HEAD /<bucket>} answers 200 from this process's port; {@link
 * #close()} stops it. The server's output goes to {@code s3mock.log} in its work directory.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY_ID = "s3mock-access-key";
    public static final String SECRET_ACCESS_KEY = "s3mock-secret-key";
    public static final String REGION = "us-east-1";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final int START_ATTEMPTS = 3;

    private final List<String> buckets;
    private final Path workDir;
    private ChildJvm jvm;
    private int httpPort;

    private S3Server(List<String> buckets, Path workDir) {
        this.buckets = List.copyOf(buckets);
        this.workDir = workDir;
    }

    /** A server with {@code buckets} (the first is {@link #bucket()}), files under target/. */
    public static S3Server withBuckets(String... buckets) {
        return withBuckets(WorkDirectories.create("s3mock"), buckets);
    }

    /** A server with {@code buckets}, its root and log in {@code workDir}; not yet started. */
    public static S3Server withBuckets(Path workDir, String... buckets) {
        if (buckets.length == 0) {
            throw new IllegalArgumentException("At least one bucket");
        }
        return new S3Server(List.of(buckets), workDir);
    }

    /** Starts the server and returns its endpoint; retries on other ports if one was taken. */
    public URI start() {
        if (jvm != null) {
            throw new IllegalStateException("Already started: " + jvm);
        }
        for (int attempt = 1; ; attempt++) {
            int[] ports = FreePorts.pick(2);
            ChildJvm child = S3MockCommand.launch(ports, buckets, rootDirectory(), workDir);
            try {
                URI bucket = URI.create("http://127.0.0.1:" + ports[0] + "/" + buckets.get(0));
                child.awaitReady(
                        () -> HttpProbe.status("HEAD", bucket) == 200 && owns(child, ports[0]),
                        READY_TIMEOUT);
                this.jvm = child;
                this.httpPort = ports[0];
                return endpoint();
            } catch (IllegalStateException e) {
                if (attempt >= START_ATTEMPTS || !child.logTail().contains("already in use")) {
                    throw e;
                }
            }
        }
    }

    /** Whether {@code port} is held by the child (another process may have won the port). */
    private static boolean owns(ChildJvm child, int port) {
        return !ListeningSockets.available()
                || ListeningSockets.of(child.pid()).stream().anyMatch(a -> a.getPort() == port);
    }

    /** The plain-HTTP endpoint, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        requireStarted();
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** The first bucket. */
    public String bucket() {
        return buckets.get(0);
    }

    public List<String> buckets() {
        return buckets;
    }

    /** Where s3mock keeps the buckets' objects. */
    public Path rootDirectory() {
        return workDir.resolve("root");
    }

    /** The Iceberg {@code S3FileIO} properties that reach this server. */
    public Map<String, String> icebergProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        properties.put("s3.endpoint", endpoint().toString());
        properties.put("s3.path-style-access", "true");
        properties.put("s3.access-key-id", ACCESS_KEY_ID);
        properties.put("s3.secret-access-key", SECRET_ACCESS_KEY);
        properties.put("client.region", REGION);
        return Collections.unmodifiableMap(properties);
    }

    public long pid() {
        requireStarted();
        return jvm.pid();
    }

    public Path logFile() {
        requireStarted();
        return jvm.logFile();
    }

    private void requireStarted() {
        if (jvm == null) {
            throw new IllegalStateException("The S3 server is not started");
        }
    }

    @Override
    public void close() {
        if (jvm != null) {
            jvm.close();
        }
    }

    @Override
    public String toString() {
        return "S3Server" + (jvm == null ? "(not started)" : "@" + endpoint() + " " + jvm);
    }
}
