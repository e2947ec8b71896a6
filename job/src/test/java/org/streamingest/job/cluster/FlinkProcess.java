package org.streamingest.job.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Flink JVM (JobManager or TaskManager) running as a child process of the test JVM. Its Flink
 * log goes to {@code <name>.log} ({@code -Dlog.file}), stdout and stderr to {@code <name>.out}.
 * {@link #close()} sends SIGTERM, waits {@value #STOP_GRACE_SECONDS} s, then SIGKILLs; a JVM
 * shutdown hook does the same, so no Flink process outlives the test run.
 */
final class FlinkProcess implements AutoCloseable {

    static final int STOP_GRACE_SECONDS = 10;
    private static final int TAIL_LINES = 60;

    private final String name;
    private final Process process;
    private final Path log;
    private final Path out;
    private final Thread shutdownHook;

    private FlinkProcess(String name, Process process, Path log, Path out) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.out = out;
        this.shutdownHook = new Thread(this::stop, "stop-flink-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code java <jvmArgs> -cp <classpath> <mainClass> <args>} with {@code environment}
     * added to this JVM's, logging into {@code dir}.
     */
    static FlinkProcess start(
            String name,
            List<String> jvmArgs,
            String classpath,
            String mainClass,
            List<String> args,
            Map<String, String> environment,
            Path dir) {
        Path log = dir.resolve(name + ".log");
        Path out = dir.resolve(name + ".out");
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString()));
        command.addAll(jvmArgs);
        command.add("-Dlog.file=" + log);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        builder.environment().putAll(environment);
        try {
            return new FlinkProcess(name, builder.start(), log, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Flink " + name + ": " + command, e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** The last lines of the Flink log and of stdout/stderr, for failure messages. */
    String tail() {
        return "---- last lines of "
                + log
                + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")")
                + "\n"
                + tail(log)
                + "\n---- last lines of "
                + out
                + "\n"
                + tail(out);
    }

    /** Whether the Flink log or stdout/stderr contains {@code text}. */
    boolean logged(String text) {
        return read(log).contains(text) || read(out).contains(text);
    }

    private static String tail(Path file) {
        List<String> lines = read(file).lines().toList();
        return String.join(
                "\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Waits up to {@code timeout} for the process to exit by itself; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "The Flink " + name + " did not exit within " + timeout + "\n" + tail());
        }
        return process.exitValue();
    }

    /** kill -9: the process gets no chance to clean up (close sessions, give up leases). */
    void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** SIGTERM, up to {@value #STOP_GRACE_SECONDS} s grace, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook runs or is about to; it finds the process stopped
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly()
                        .waitFor(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Flink " + name + " (pid " + process.pid() + ")";
    }
}
