package org.streamingest.kinesis.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One npm Kinesis-API server running as a child process of this JVM, listening on 127.0.0.1 only
 * (through the {@code loopback.js} preload), on free ports chosen at start.
 *
 * <p>{@link #start} returns once the server answers a ListStreams call. {@link #close} sends
 * SIGTERM, waits up to 5 s, then kills the process (kinesis-mock can hang on SIGTERM after EFO
 * subscriptions). A JVM shutdown hook does the same, so no server outlives the JVM. The server's
 * output goes to {@link #logFile()}, and its tail is part of every start error.
 *
 * <p>kinesalite only speaks JSON: clients for it must be built with {@code aws.cborEnabled=false}
 * (see {@link KinesisClients#disableCbor()}); the JUnit extensions do this for you.
 */
public final class KinesisServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisServer.class);

    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 30;

    private final KinesisServerKind kind;
    private final Process process;
    private final int[] ports;
    private final Path logFile;
    private final Thread shutdownHook;

    private KinesisServer(KinesisServerKind kind, Process process, int[] ports, Path logFile) {
        this.kind = kind;
        this.process = process;
        this.ports = ports.clone();
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stopProcess, "stop-" + kind + "-" + ports[0]);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code kind} from the resolved servers directory, logging under target/. */
    public static KinesisServer start(KinesisServerKind kind) {
        return start(kind, KinesisServersDirectory.resolve(), Path.of("target", "kinesis-servers"));
    }

    /** Starts {@code kind} from {@code dir}, writing the server's output under {@code logDir}. */
    public static KinesisServer start(
            KinesisServerKind kind, KinesisServersDirectory dir, Path logDir) {
        return start(kind, dir, logDir, FreePorts::pick);
    }

    /** As {@link #start(KinesisServerKind, KinesisServersDirectory, Path)}, with a port picker. */
    static KinesisServer start(
            KinesisServerKind kind,
            KinesisServersDirectory dir,
            Path logDir,
            IntFunction<int[]> portPicker) {
        dir.requireInstalled(kind);
        createDirectories(logDir);
        for (int attempt = 1; ; attempt++) {
            int[] ports = portPicker.apply(ServerCommand.portCount(kind));
            Path logFile =
                    logDir.resolve(kind.displayName() + "-" + ports[0] + ".log").toAbsolutePath();
            KinesisServer server = launch(kind, dir, ports, logFile);
            ReadinessProbe.Outcome outcome = server.awaitReady();
            if (outcome == ReadinessProbe.Outcome.READY) {
                LOG.info(
                        "Started {} at {} (pid {}), log {}",
                        kind,
                        server.endpoint(),
                        server.pid(),
                        logFile);
                return server;
            }
            server.close();
            String tail = server.logTail();
            if (tail.contains("EADDRINUSE") && attempt < START_ATTEMPTS) {
                LOG.warn("{} lost the race for port {}; retrying on other ports", kind, ports[0]);
                continue;
            }
            throw new IllegalStateException(
                    (outcome == ReadinessProbe.Outcome.EXITED
                                    ? kind + " exited during start-up"
                                    : kind
                                            + " did not answer ListStreams within "
                                            + READY_TIMEOUT.toSeconds()
                                            + " s")
                            + " (command: "
                            + String.join(" ", ServerCommand.create(kind, dir, ports).command())
                            + "). Last lines of "
                            + logFile
                            + ":\n"
                            + tail);
        }
    }

    private static KinesisServer launch(
            KinesisServerKind kind, KinesisServersDirectory dir, int[] ports, Path logFile) {
        ProcessBuilder builder =
                ServerCommand.create(kind, dir, ports)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            return new KinesisServer(kind, builder.start(), ports, logFile);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot run '"
                            + builder.command().get(0)
                            + "' to start "
                            + kind
                            + ": install Node.js 18 or newer and put node on the PATH (or set -D"
                            + ServerCommand.NODE_PROPERTY
                            + "=/path/to/node). Cause: "
                            + e.getMessage(),
                    e);
        }
    }

    private ReadinessProbe.Outcome awaitReady() {
        try {
            return new ReadinessProbe().await(endpoint(), process, READY_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException(
                    "Interrupted while waiting for " + kind + " to start", e);
        }
    }

    public KinesisServerKind kind() {
        return kind;
    }

    /** The plain-HTTP endpoint, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The plain-HTTP port of {@link #endpoint()}. */
    public int port() {
        return ports[0];
    }

    /** Every port the server listens on (kinesis-mock also opens a TLS port), plain port first. */
    public List<Integer> ports() {
        return Arrays.stream(ports).boxed().toList();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file that receives the server's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** The last lines of the server's output, for error messages. */
    public String logTail() {
        try {
            List<String> lines =
                    new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8)
                            .lines()
                            .toList();
            return String.join(
                    "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the server: SIGTERM, up to 5 s grace, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running or about to; it finds the process stopped.
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "{} (pid {}) ignored SIGTERM for {} s; killing it",
                        kind,
                        pid(),
                        STOP_GRACE.toSeconds());
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LOG.info("Stopped {} at {}", kind, endpoint());
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the server log directory " + dir, e);
        }
    }

    @Override
    public String toString() {
        return kind + "@" + endpoint();
    }
}
