package org.streamingest.job.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/streaming-ingest shell} in a pseudo-terminal (python3's {@code pty}, through {@code
 * pty-run.py}), typed into as a person types: keys, Enter, arrows, Ctrl-C, Ctrl-D. What the
 * terminal showed is kept in {@code <dir>/shell.terminal} (with escape sequences).
 */
final class ShellTerminal implements AutoCloseable {

    static final String UP = "\u001b[A";
    static final String ENTER = "\r";
    static final String CTRL_C = "\u0003";
    static final String CTRL_D = "\u0004";

    private static final Pattern ESCAPES =
            Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-B]|\u001b[=>]|\u0007");
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final OutputStream keyboard;
    private final StringBuilder screen = new StringBuilder();
    private final Path transcript;
    private final Thread reader;

    private ShellTerminal(Process process, Path transcript) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        this.transcript = transcript;
        this.reader = new Thread(this::read, "shell-terminal");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code bin/streaming-ingest shell OPTIONS} and waits for its first prompt. */
    static ShellTerminal open(Path dir, List<String> options, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path launcher = Path.of(System.getProperty(CliProcess.PROPERTY, "../bin/streaming-ingest"));
        List<String> command =
                new ArrayList<>(List.of("python3", ptyRun(dir).toString(), "200", "50"));
        command.add(launcher.toString());
        command.add("shell");
        command.addAll(options);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("TERM", "xterm-256color");
        builder.environment().put("STREAMING_INGEST_JAVA_OPTS", "-Xmx1g");
        builder.environment()
                .put(
                        "PATH",
                        Path.of(System.getProperty("java.home"), "bin")
                                + ":"
                                + System.getenv("PATH"));
        ShellTerminal terminal = new ShellTerminal(builder.start(), dir.resolve("shell.terminal"));
        terminal.awaitPrompt(0);
        return terminal;
    }

    /** Types {@code keys} and returns what the terminal shows until the next prompt (plain). */
    String type(String keys) throws InterruptedException {
        int mark = length();
        send(keys);
        return awaitPrompt(mark);
    }

    /** Types {@code keys} and waits for the shell to end; returns its exit code. */
    int typeAndAwaitExit(String keys) throws InterruptedException {
        send(keys);
        assertThat(process.waitFor(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the shell did not end; it shows:\n%s", plain(since(0)))
                .isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(5));
        return process.exitValue();
    }

    /** Everything shown so far, escape sequences removed. */
    String shown() {
        return plain(since(0));
    }

    static String plain(String output) {
        return ESCAPES.matcher(output).replaceAll("").replace("\r", "");
    }

    private String awaitPrompt(int mark) throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (true) {
            String text = plain(since(mark));
            if (text.stripTrailing().endsWith(ShellCommand.PROMPT.strip())
                    && (mark == 0 || text.contains("\n"))) {
                return text.substring(0, text.lastIndexOf(ShellCommand.PROMPT.strip()));
            }
            if (!process.isAlive()) {
                throw new AssertionError("The shell ended; it showed:\n" + text);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "No prompt within " + ANSWER_TIMEOUT + "; the terminal shows:\n" + text);
            }
            Thread.sleep(50);
        }
    }

    private void send(String keys) {
        try {
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("The shell's terminal is closed", e);
        }
    }

    private void read() {
        try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (screen) {
                    screen.append(buffer, 0, n);
                }
            }
        } catch (IOException ended) {
            // the process ended
        }
    }

    private int length() {
        synchronized (screen) {
            return screen.length();
        }
    }

    private String since(int mark) {
        synchronized (screen) {
            return screen.substring(mark);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (process.isAlive()) {
                send("\\q" + ENTER);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        } catch (UncheckedIOException closed) {
            process.destroyForcibly().waitFor();
        } finally {
            reader.join(TimeUnit.SECONDS.toMillis(5));
            Files.writeString(transcript, since(0));
        }
    }

    private static Path ptyRun(Path dir) throws IOException {
        URL url = ShellTerminal.class.getResource("/pty-run.py");
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path copy = dir.resolve("pty-run.py");
        try (InputStream in = url.openStream()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }
}
