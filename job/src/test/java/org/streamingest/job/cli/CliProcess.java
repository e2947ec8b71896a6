package org.streamingest.job.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/streaming-ingest <command> [options] script} in a JVM of its own, as a user runs it:
 * stdout and stderr go to files beside the script. Needs the packaged job (run through {@code mvn
 * verify}); the launcher is the system property {@value #PROPERTY}.
 */
public final class CliProcess implements AutoCloseable {

    static final String PROPERTY = "streaming-ingest.launcher";

    /** Credentials for the local Kinesis-API servers, which accept any. */
    public static final Map<String, String> LOCAL_AWS =
            Map.of(
                    "AWS_ACCESS_KEY_ID", System.getProperty("aws.accessKeyId", "local"),
                    "AWS_SECRET_ACCESS_KEY", System.getProperty("aws.secretAccessKey", "local"),
                    // never ask an instance metadata service (not loopback) for credentials
                    "AWS_EC2_METADATA_DISABLED", "true");

    private final Process process;
    private final Path out;
    private final Path err;

    private CliProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code command} on {@code script}, written to {@code dir/scriptName}. */
    public static CliProcess start(
            Path dir,
            String command,
            String scriptName,
            String script,
            List<String> options,
            Map<String, String> environment)
            throws IOException {
        Path launcher = Path.of(System.getProperty(PROPERTY, "../bin/streaming-ingest"));
        Path root = launcher.toAbsolutePath().getParent().getParent();
        assertThat(root.resolve("job/target/streaming-ingest-job.jar"))
                .as("the launcher runs the packaged job: run this test through mvn verify")
                .isRegularFile();
        Path file = Files.writeString(dir.resolve(scriptName), script);
        List<String> args = new ArrayList<>(List.of(launcher.toString(), command));
        args.addAll(options);
        args.add(file.toString());
        Path out = dir.resolve(scriptName + ".out");
        Path err = dir.resolve(scriptName + ".err");
        ProcessBuilder builder =
                new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("STREAMING_INGEST_JAVA_OPTS", "-Xmx1g");
        builder.environment()
                .put(
                        "PATH",
                        Path.of(System.getProperty("java.home"), "bin")
                                + ":"
                                + System.getenv("PATH"));
        return new CliProcess(builder.start(), out, err);
    }

    /** Waits for the process to end and returns its exit code; kills it after {@code timeout}. */
    public int waitFor(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(
                    "streaming-ingest did not end within " + timeout + "; stderr:\n" + err());
        }
        return process.exitValue();
    }

    /** Waits until stderr contains {@code text}; fails if the process ends or time runs out. */
    void awaitStderr(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!err().contains(text)) {
            assertThat(process.isAlive()).as("ended early; stderr:\n%s", err()).isTrue();
            assertThat(System.nanoTime())
                    .as("no '%s' on stderr:\n%s", text, err())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    long pid() {
        return process.pid();
    }

    /** kill -9: the process gets no chance to suspend its pipelines or give up its leases. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String out() throws IOException {
        return Files.readString(out);
    }

    public String err() throws IOException {
        return Files.readString(err);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
