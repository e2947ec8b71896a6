package org.streamingest.job.cli;

import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.job.sql.RedshiftSqlParser;
import org.streamingest.job.sql.ScriptStatement;
import org.streamingest.job.sql.Statement;
import org.streamingest.job.sql.StatementSplitter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code streaming-ingest shell [options]}: an interactive Redshift SQL prompt. Input is collected
 * until every statement in it ends with {@code ;} (outside quotes and comments), then each
 * statement runs on the warehouse; results go to stdout in the chosen format, acknowledgements and
 * errors to stderr. An error does not end the shell. On a terminal the prompt has line editing and
 * a history kept across sessions ({@link TerminalInput}), and Ctrl-C cancels the line or the
 * running statement; from a pipe, prompts go to stderr. {@code \q} or end of input (Ctrl-D) exits,
 * ending running pipelines like {@code run} (suspended with a savepoint, or left running on a
 * session cluster).
 */
final class ShellCommand {

    static final String PROMPT = "streaming-ingest> ";
    static final String CONTINUATION = "...> ";
    static final String QUIT = "\\q";

    private ShellCommand() {}

    /** Runs the shell on {@code in}, a pipe or file (no line editing). */
    static int run(List<String> args, BufferedReader in, PrintStream out, PrintStream err)
            throws Exception {
        CliOptions options = CliOptions.parse("shell", args, false);
        return run(options, new PipedInput(in, err), out, err);
    }

    /** Runs the shell on this process's terminal, with line editing and history. */
    static int runOnTerminal(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CliOptions options = CliOptions.parse("shell", args, false);
        Path history = TerminalInput.historyFile(System.getenv());
        ShellInput input;
        try {
            input = TerminalInput.open(history);
        } catch (IOException | RuntimeException e) {
            err.println(
                    "streaming-ingest: cannot use the terminal ("
                            + e.getMessage()
                            + "); reading statements without line editing.");
            return run(
                    options,
                    new PipedInput(
                            new BufferedReader(
                                    new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                            err),
                    out,
                    err);
        }
        return run(options, input, out, err);
    }

    private static int run(CliOptions options, ShellInput input, PrintStream out, PrintStream err)
            throws Exception {
        RedshiftSqlParser parser = new RedshiftSqlParser();
        try (input;
                Session session = Session.open(options, err, false)) {
            err.println(
                    "Connected to warehouse "
                            + options.warehouse()
                            + ". End with \\q or EOF (Ctrl-D).");
            while (true) {
                String text = input.next();
                if (text == null || text.strip().equals(QUIT)) {
                    break;
                }
                if (text.isBlank()) {
                    continue;
                }
                input.execute(() -> executeAll(text, parser, session, input, out, err));
            }
        } catch (IOException e) {
            err.println("streaming-ingest: cannot read the input: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** Whether every statement in {@code text} is terminated by {@code ;}. */
    static boolean complete(String text) {
        if (text.isBlank()) {
            return false;
        }
        try {
            List<ScriptStatement> statements = StatementSplitter.split(text + "\nx");
            return statements.get(statements.size() - 1).sql().equals("x");
        } catch (RedshiftSqlException unterminatedQuoteOrComment) {
            return false;
        }
    }

    private static void executeAll(
            String text,
            RedshiftSqlParser parser,
            Session session,
            ShellInput input,
            PrintStream out,
            PrintStream err) {
        for (ScriptStatement each : StatementSplitter.split(text)) {
            if (input.cancelled()) {
                err.println("Cancelled: " + firstLine(each.sql()) + " (not run)");
                continue;
            }
            Statement statement;
            try {
                statement = parser.parse(each);
            } catch (RedshiftSqlException e) {
                err.println("ERROR: " + e.getMessage());
                continue;
            }
            try {
                session.execute(statement, out, err);
                out.flush();
            } catch (Exception e) {
                if (input.cancelled()) {
                    err.println("Cancelled: " + firstLine(each.sql()));
                } else {
                    err.println("ERROR: " + Session.failure(statement, e));
                }
            }
        }
    }

    private static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("");
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }
}
