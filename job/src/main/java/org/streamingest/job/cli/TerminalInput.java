package org.streamingest.job.cli;

import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The shell on a terminal, through JLine: line editing, history (arrow keys, Ctrl-R) kept in a file
 * across sessions, a statement that spans lines until its {@code ;} edited and recalled as one.
 * Ctrl-C drops the line being typed, or cancels the statement running; Ctrl-D on an empty line ends
 * the shell.
 */
final class TerminalInput implements ShellInput {

    /** The environment variable that names the history file. */
    static final String HISTORY_ENV = "STREAMING_INGEST_HISTORY";

    /** The history file when {@value #HISTORY_ENV} is not set, in the user's home directory. */
    static final String HISTORY_FILE = ".streaming-ingest_history";

    private final Terminal terminal;
    private final LineReader reader;
    private volatile boolean cancelled;

    private TerminalInput(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    /** The shell's terminal, with its history in {@code history}. */
    static TerminalInput open(Path history) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).build();
        LineReader reader =
                LineReaderBuilder.builder()
                        .appName("streaming-ingest")
                        .terminal(terminal)
                        .parser(new StatementParser())
                        .variable(LineReader.HISTORY_FILE, history)
                        .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
                        .variable(LineReader.SECONDARY_PROMPT_PATTERN, ShellCommand.CONTINUATION)
                        // SQL has '!=': no csh-style history expansion
                        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                        .build();
        // JLine binds the arrow keys a terminal sends in keypad mode (ESC O A, from terminfo);
        // terminals that ignore that mode send ESC [ A: bind those too, or Up prints ^[[A.
        KeyMap<Binding> keys = reader.getKeyMaps().get(LineReader.MAIN);
        keys.bind(new Reference(LineReader.UP_LINE_OR_HISTORY), "\033[A");
        keys.bind(new Reference(LineReader.DOWN_LINE_OR_HISTORY), "\033[B");
        keys.bind(new Reference(LineReader.FORWARD_CHAR), "\033[C");
        keys.bind(new Reference(LineReader.BACKWARD_CHAR), "\033[D");
        return new TerminalInput(terminal, reader);
    }

    /** The history file: {@value #HISTORY_ENV}, else {@value #HISTORY_FILE} in the home dir. */
    static Path historyFile(Map<String, String> environment) {
        String named = environment.get(HISTORY_ENV);
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        return Path.of(System.getProperty("user.home"), HISTORY_FILE);
    }

    @Override
    @Nullable
    public String next() {
        while (true) {
            try {
                return reader.readLine(ShellCommand.PROMPT);
            } catch (UserInterruptException ctrlC) {
                // the line typed so far is dropped; a new prompt
            } catch (EndOfFileException ctrlD) {
                return null;
            }
        }
    }

    @Override
    public void execute(Runnable statements) {
        Thread running = Thread.currentThread();
        cancelled = false;
        Terminal.SignalHandler before =
                terminal.handle(
                        Terminal.Signal.INT,
                        signal -> {
                            cancelled = true;
                            running.interrupt();
                        });
        try {
            statements.run();
        } finally {
            terminal.handle(Terminal.Signal.INT, before);
            Thread.interrupted(); // a Ctrl-C that came after the statement ended
        }
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public void close() throws IOException {
        try {
            reader.getHistory().save();
        } finally {
            terminal.close();
        }
    }

    /**
     * Accepts a line when every statement in it ends with {@code ;} (outside quotes and comments),
     * or it is {@code \q} or blank; else Enter starts a continuation line.
     */
    private static final class StatementParser implements Parser {
        @Override
        public CompletingParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE
                    && !line.isBlank()
                    && !line.strip().equals(ShellCommand.QUIT)
                    && !ShellCommand.complete(line)) {
                throw new EOFError(-1, cursor, "the statement does not end with ';' yet");
            }
            return new WholeLine(line, cursor);
        }
    }

    /**
     * The line as one word: the shell completes nothing. (A {@link CompletingParsedLine}, else
     * JLine logs a warning at start.)
     */
    private static final class WholeLine implements CompletingParsedLine {
        private final String line;
        private final int cursor;

        WholeLine(String line, int cursor) {
            this.line = line;
            this.cursor = cursor;
        }

        @Override
        public String word() {
            return "";
        }

        @Override
        public int wordCursor() {
            return 0;
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(line);
        }

        @Override
        public String line() {
            return line;
        }

        @Override
        public int cursor() {
            return cursor;
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return 0;
        }

        @Override
        public int rawWordLength() {
            return 0;
        }
    }
}
