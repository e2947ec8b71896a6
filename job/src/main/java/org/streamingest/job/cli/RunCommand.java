package org.streamingest.job.cli;

import org.streamingest.job.exec.FlinkCluster;
import org.streamingest.job.exec.StatementExecutor;
import org.streamingest.job.exec.StatementResult;
import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.job.sql.RedshiftSqlParser;
import org.streamingest.job.sql.Statement;
import org.streamingest.job.warehouse.Warehouse;
import org.streamingest.job.warehouse.WarehouseLocation;

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
 * and the next invocation resumes them.
 */
final class RunCommand {

    private RunCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        RunOptions options = RunOptions.parse(args);
        String script;
        try {
            script = Files.readString(Path.of(options.file()));
        } catch (NoSuchFileException e) {
            err.println("streaming-ingest: script " + options.file() + " does not exist.");
            return 2;
        } catch (IOException e) {
            err.println("streaming-ingest: cannot read " + options.file() + ": " + e.getMessage());
            return 2;
        }
        List<Statement> statements;
        try {
            statements = new RedshiftSqlParser().parseScript(script);
        } catch (RedshiftSqlException e) {
            err.println("streaming-ingest: " + options.file() + ": " + e.getMessage());
            return 1;
        }
        try (FlinkCluster cluster =
                        options.flink().equals("local")
                                ? FlinkCluster.embedded()
                                : FlinkCluster.remote(options.flink());
                Warehouse warehouse =
                        new Warehouse(
                                WarehouseLocation.of(options.warehouse()),
                                cluster,
                                options.kinesis(),
                                options.flinkConf());
                StatementExecutor executor = new StatementExecutor(warehouse, err::println)) {
            for (Statement statement : statements) {
                StatementResult result;
                try {
                    result = executor.execute(statement);
                } catch (RedshiftSqlException e) {
                    err.println("streaming-ingest: " + options.file() + ": " + e.getMessage());
                    return 1;
                } catch (Exception e) {
                    err.println(
                            "streaming-ingest: "
                                    + options.file()
                                    + ": statement at "
                                    + statement.position()
                                    + " failed: "
                                    + StreamingIngestCli.rootMessage(e));
                    return 1;
                }
                if (result.isQuery()) {
                    options.format().print(result.query(), out);
                } else {
                    err.println(result.message());
                }
            }
        }
        return 0;
    }
}
