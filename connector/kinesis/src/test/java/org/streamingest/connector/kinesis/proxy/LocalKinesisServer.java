package org.streamingest.connector.kinesis.proxy;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Starts an npm Kinesis-API server on 127.0.0.1 (notes/kinesis.md §1: {@code node -r loopback.js}),
 * polls until it answers and stops it (SIGTERM, then SIGKILL after 5 s). A stop-gap until the
 * project's JUnit 5 server extensions (module kinesis-testing) are available.
 */
final class LocalKinesisServer implements AutoCloseable {

    enum Kind {
        KINESIS_MOCK,
        KINESALITE
    }

    private final Process process;
    private final int port;

    private LocalKinesisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LocalKinesisServer start(Kind kind) throws Exception {
        Path dir = Paths.get(System.getProperty("kinesis.servers.dir", "tools/kinesis-servers"));
        Path loopback = dir.resolve("loopback.js").toAbsolutePath();
        assumeTrue(Files.isDirectory(dir.resolve("node_modules")), "npm ci not run in " + dir);
        assumeTrue(onPath("node"), "node is not installed");
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of("node", "-r", loopback.toString()));
        ProcessBuilder pb;
        if (kind == Kind.KINESIS_MOCK) {
            cmd.add("main.js");
            pb =
                    new ProcessBuilder(cmd)
                            .directory(dir.resolve("node_modules/kinesis-local").toFile());
            Map<String, String> env = pb.environment();
            env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
            env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(freePort()));
            env.put("LOG_LEVEL", "WARN");
            env.put("SHARD_LIMIT", "200");
            for (String d :
                    List.of(
                            "CREATE_STREAM_DURATION",
                            "DELETE_STREAM_DURATION",
                            "SPLIT_SHARD_DURATION",
                            "MERGE_SHARDS_DURATION",
                            "UPDATE_SHARD_COUNT_DURATION",
                            "REGISTER_STREAM_CONSUMER_DURATION",
                            "DEREGISTER_STREAM_CONSUMER_DURATION")) {
                env.put(d, "0ms");
            }
        } else {
            cmd.addAll(
                    List.of(
                            dir.resolve("node_modules/kinesalite/cli.js").toString(),
                            "--port",
                            Integer.toString(port),
                            "--createStreamMs",
                            "0",
                            "--deleteStreamMs",
                            "0",
                            "--updateStreamMs",
                            "0",
                            "--shardLimit",
                            "100"));
            pb = new ProcessBuilder(cmd);
        }
        File log = File.createTempFile("kinesis-server-" + kind, ".log");
        log.deleteOnExit();
        pb.redirectErrorStream(true).redirectOutput(log);
        LocalKinesisServer server = new LocalKinesisServer(pb.start(), port);
        server.awaitReady(Duration.ofSeconds(30), log);
        return server;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(Duration timeout, File log) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Kinesis server exited: " + Files.readString(log.toPath()));
            }
            try {
                HttpURLConnection c =
                        (HttpURLConnection) URI.create(endpoint()).toURL().openConnection();
                c.setRequestMethod("POST");
                c.setConnectTimeout(200);
                c.setReadTimeout(2000);
                c.getResponseCode(); // any status: the server answers
                c.disconnect();
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("Kinesis server did not answer within " + timeout);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String p : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(p, exe))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
