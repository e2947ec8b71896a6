package org.streamingest.job.gateway;

import org.streamingest.job.cluster.SqlClientCommand;
import org.streamingest.job.cluster.SqlGatewayExtension;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Flink's SQL client in gateway mode, interactive, in a pseudo-terminal (python3's {@code pty},
 * through {@code pty-run.py}), driven as a person drives it: a statement typed and Enter pressed,
 * the answer read up to the next {@code Flink SQL>} prompt; Ctrl-C to stop a streaming query.
 * Everything the terminal showed is kept in {@code <name>.terminal} (with escape sequences).
 */
public final class SqlClientTerminal implements AutoCloseable {

    static final String PROMPT = "Flink SQL> ";
    static final int COLUMNS = 320;
    private static final int ROWS = 50;
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final OutputStream keyboard;
    private final StringBuilder screen = new StringBuilder();
    private final Path transcript;
    private final Thread reader;

    private SqlClientTerminal(Process process, Path transcript) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        this.transcript = transcript;
        this.reader = new Thread(this::read, "sql-client-terminal");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code sql-client.sh gateway -e HOST:PORT -i init.sql} in a terminal of {@value
     * #COLUMNS} columns and waits for its first prompt.
     */
    public static SqlClientTerminal open(
            SqlGatewayExtension gateway, Path initSql, Path dir, String name)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", ptyRun().toString()));
        command.add(Integer.toString(COLUMNS));
        command.add(Integer.toString(ROWS));
        command.addAll(
                SqlClientCommand.gateway(
                        gateway.hostAndPort(),
                        gateway.confDir(),
                        dir.resolve(name + ".log"),
                        List.of(
                                "-i",
                                initSql.toString(),
                                "-hist",
                                dir.resolve(name + ".history").toString())));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(SqlClientScript.environment(gateway));
        builder.environment().put("TERM", "xterm-256color");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(
                    "Cannot start python3, which gives the SQL client a pseudo-terminal: install"
                            + " Python 3.",
                    e);
        }
        SqlClientTerminal terminal =
                new SqlClientTerminal(process, dir.resolve(name + ".terminal"));
        terminal.awaitPrompt(0, false);
        return terminal;
    }

    /** Types {@code statement}, presses Enter, and returns the answer shown before the prompt. */
    public String type(String statement) throws InterruptedException {
        int mark = typeWithoutWaiting(statement);
        return awaitPrompt(mark, true);
    }

    /**
     * Types {@code statement} and presses Enter; returns the position in the output from which its
     * answer appears.
     */
    public int typeWithoutWaiting(String statement) {
        int mark = length();
        send(statement + "\r");
        return mark;
    }

    /** Waits until the output since {@code mark} satisfies {@code shown}; returns it (plain). */
    public String awaitOutput(int mark, Predicate<String> shown, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (true) {
            String text = Tableau.plain(since(mark));
            if (shown.test(text)) {
                return text;
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        "The SQL client ended while waiting for " + what + "; it showed:\n" + text);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "No "
                                + what
                                + " within "
                                + ANSWER_TIMEOUT
                                + "; the terminal shows:\n"
                                + text);
            }
            Thread.sleep(50);
        }
    }

    /** Presses Ctrl-C and returns the answer shown before the next prompt. */
    public String interrupt() throws InterruptedException {
        int mark = length();
        send("\u0003");
        return awaitPrompt(mark, false);
    }

    /**
     * What the client shows from {@code mark} until it shows its prompt again, without the prompt
     * and, if {@code echoed}, without the first line (the echoed input).
     */
    private String awaitPrompt(int mark, boolean echoed) throws InterruptedException {
        String text =
                awaitOutput(
                        mark,
                        t -> t.contains("\n") && t.stripTrailing().endsWith(PROMPT.strip()),
                        "prompt");
        String answer = text.substring(0, text.lastIndexOf(PROMPT.strip()));
        return echoed ? answer.substring(answer.indexOf('\n') + 1) : answer;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void send(String keys) {
        try {
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("The SQL client's terminal is closed", e);
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

    /** Types {@code QUIT;}, waits for the client to end (or kills it), keeps the transcript. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (process.isAlive()) {
                send("QUIT;\r");
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
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

    /** The pty script, copied out of the test jar when another module's tests use this class. */
    private static Path ptyRun() {
        try {
            java.net.URL url = SqlClientTerminal.class.getResource("/pty-run.py");
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempFile("pty-run", ".py");
            copy.toFile().deleteOnExit();
            try (java.io.InputStream in = url.openStream()) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
