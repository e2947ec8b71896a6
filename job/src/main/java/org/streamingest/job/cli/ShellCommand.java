package org.streamingest.job.cli;

import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.job.sql.RedshiftSqlParser;
import org.streamingest.job.sql.ScriptStatement;
import org.streamingest.job.sql.Statement;
import org.streamingest.job.sql.StatementSplitter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code streaming-ingest shell [options]}: an interactive Redshift SQL prompt. Lines are collected
 * until every statement in them ends with {@code ;} (outside quotes and comments), then each
 * statement runs on the warehouse; results go to stdout in the chosen format, prompts,
 * acknowledgements and errors to stderr. An error does not end the shell. {@code \q} or end of
 * input exits, ending running pipelines like {@code run} (suspended with a savepoint, or left
 * running on a session cluster).
 */
final class ShellCommand {

    static final String PROMPT = "streaming-ingest> ";
    static final String CONTINUATION = "...> ";

    private ShellCommand() {}

    static int run(List<String> args, BufferedReader in, PrintStream out, PrintStream err)
            throws Exception {
        CliOptions options = CliOptions.parse("shell", args, false);
        RedshiftSqlParser parser = new RedshiftSqlParser();
        try (Session session = Session.open(options, err, false)) {
            err.println("Connected to warehouse " + options.warehouse() + ". End with \\q or EOF.");
            StringBuilder buffer = new StringBuilder();
            while (true) {
                err.print(buffer.length() == 0 ? PROMPT : CONTINUATION);
                err.flush();
                String line = in.readLine();
                if (line == null) {
                    if (!buffer.toString().isBlank()) {
                        err.println(
                                "streaming-ingest: ignoring the unterminated statement: add ';'.");
                    }
                    break;
                }
                if (buffer.length() == 0 && line.strip().equals("\\q")) {
                    break;
                }
                buffer.append(line).append('\n');
                if (!complete(buffer.toString())) {
                    continue;
                }
                String text = buffer.toString();
                buffer.setLength(0);
                executeAll(text, parser, session, out, err);
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
            PrintStream out,
            PrintStream err) {
        for (ScriptStatement each : StatementSplitter.split(text)) {
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
                err.println("ERROR: " + Session.failure(statement, e));
            }
        }
    }
}
