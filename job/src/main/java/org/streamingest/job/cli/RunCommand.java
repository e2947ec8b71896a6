package org.streamingest.job.cli;

import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.job.sql.RedshiftSqlParser;
import org.streamingest.job.sql.Statement;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code streaming-ingest run [options] FILE.sql}: parses the script, then executes its statements
 * in order on the warehouse. Query results go to stdout in the chosen format; statement
 * acknowledgements and progress go to stderr, so stdout holds only data. The first error stops the
 * script (exit 1). At the end, running pipelines are suspended with a savepoint in the warehouse,
 * and the next invocation resumes them; on a session cluster ({@code --flink HOST:PORT}) they keep
 * running there instead, and the next invocation takes them over.
 */
final class RunCommand {

    private RunCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CliOptions options = CliOptions.parse("run", args, true);
        if (options.file() == null) {
            throw new IllegalArgumentException("run needs a script: streaming-ingest run FILE.sql");
        }
        Script script = Script.load(options.file(), err);
        if (script.exitCode() != 0) {
            return script.exitCode();
        }
        try (Session session = Session.open(options, err, false)) {
            return script.executeOn(session, out, err);
        }
    }

    /** A parsed script file, or the exit code of why it could not be read or parsed. */
    record Script(String file, List<Statement> statements, int exitCode) {

        static Script load(String file, PrintStream err) {
            String text;
            try {
                text = Files.readString(Path.of(file));
            } catch (NoSuchFileException e) {
                err.println("streaming-ingest: script " + file + " does not exist.");
                return new Script(file, List.of(), 2);
            } catch (IOException e) {
                err.println("streaming-ingest: cannot read " + file + ": " + e.getMessage());
                return new Script(file, List.of(), 2);
            }
            try {
                return new Script(file, new RedshiftSqlParser().parseScript(text), 0);
            } catch (RedshiftSqlException e) {
                err.println("streaming-ingest: " + file + ": " + e.getMessage());
                return new Script(file, List.of(), 1);
            }
        }

        /** Executes the statements in order; the first error stops the script (returns 1). */
        int executeOn(Session session, PrintStream out, PrintStream err) {
            for (Statement statement : statements) {
                try {
                    session.execute(statement, out, err);
                } catch (Exception e) {
                    err.println("streaming-ingest: " + file + ": " + Session.failure(statement, e));
                    return 1;
                }
            }
            return 0;
        }
    }
}
