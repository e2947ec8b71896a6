package org.streamingest.job.cli;

import org.streamingest.warehouse.pipeline.Errors;

import org.apache.logging.log4j.core.config.Configurator;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Entry point of {@code bin/streaming-ingest}: parses the command line and delegates. It holds no
 * logic of its own and never calls {@code System.exit} from inside a command.
 */
public final class StreamingIngestCli {

    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: streaming-ingest <command> [options]",
                    "",
                    "Commands:",
                    "  quickstart [--records N] [--warehouse DIR]",
                    "                             start a local Kinesis-API server on 127.0.0.1, create the",
                    "                             stream my_stream_name, put N sample JSON records (default",
                    "                             20, some malformed), then run the seed statements (CREATE",
                    "                             EXTERNAL SCHEMA, CREATE MATERIALIZED VIEW my_view AUTO",
                    "                             REFRESH YES, REFRESH, SELECT) on a temporary warehouse.",
                    "  run [options] FILE.sql     run a Redshift SQL script on the warehouse; query results",
                    "                             go to stdout. Pipelines still running at the end are",
                    "                             suspended with a savepoint and resumed by the next run;",
                    "                             with --flink HOST:PORT they keep running on the cluster.",
                    "  serve [options] [FILE.sql] run the optional script, then keep AUTO REFRESH pipelines",
                    "                             running until Ctrl-C/SIGTERM, which ends them as run does;",
                    "                             prints a status line to stderr periodically.",
                    "  shell [options]            interactive Redshift SQL prompt on stdin; statements end",
                    "                             with ';', errors do not end the shell; \\q or EOF exits",
                    "                             (pipelines end as in run). On a terminal: line editing,",
                    "                             history in ~/.streaming-ingest_history (or the file",
                    "                             $STREAMING_INGEST_HISTORY names); Ctrl-C cancels the line",
                    "                             or the running statement.",
                    "  help                       print this message.",
                    "",
                    "Options of every command:",
                    "  --verbose                  also print logs (the product's, Flink's, Iceberg's) to",
                    "                             stderr; without it stderr holds only the CLI's own",
                    "                             acknowledgements, progress and errors.",
                    "",
                    "Options of run, serve and shell:",
                    "  --format table|csv|json    result format (default table; json = one object per line)",
                    "  --warehouse DIR|URI        the warehouse (default ./warehouse)",
                    "  --kinesis-endpoint URL     Kinesis API endpoint (e.g. a local server)",
                    "  --region R                 AWS region of the streams",
                    "  --flink local|HOST:PORT    embedded Flink (default) or the REST endpoint of a Flink",
                    "                             2.1 session cluster; jobs ship the runtime jar",
                    "  --conf key=value           aws.* / scan.* for streams, anything else for Flink",
                    "                             (repeatable)",
                    "  --catalog key=value        an option of the warehouse catalog (repeatable):",
                    "                             catalog-type hadoop|jdbc|rest, uri, lease.timeout,",
                    "                             pipeline.state-dir, auto-refresh.interval,",
                    "                             pipeline.restart-attempts, pipeline.restart-delay,",
                    "                             Iceberg catalog properties");

    static final String QUICKSTART = "quickstart";

    /** The option of every command that prints logs to stderr. */
    static final String VERBOSE = "--verbose";

    static final String QUICKSTART_MISSING =
            "streaming-ingest: the quickstart is demo code and not on this classpath. Run it with"
                    + " bin/streaming-ingest quickstart, which builds the demo module"
                    + " (demo/target/streaming-ingest-demo.jar and demo/target/lib, also built by"
                    + " ./mvnw package -pl demo -am) and adds it for that command only.";

    private StreamingIngestCli() {}

    /** The command named {@code name} that another module registers as a {@link CliCommand}. */
    static Optional<CliCommand> extraCommand(String name) {
        for (CliCommand command : ServiceLoader.load(CliCommand.class)) {
            if (command.name().equals(name)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains(VERBOSE)) {
            logToStderr();
        }
        System.exit(run(Arrays.asList(args), System.in, System.out, System.err, true));
    }

    /**
     * Replaces the quiet default logging ({@code log4j2.properties}: no log line anywhere) by
     * {@code log4j2-verbose.properties}: logs on stderr. Only {@link #main} does this; a caller of
     * {@link #run} in its own JVM keeps that JVM's logging.
     */
    private static void logToStderr() {
        try {
            Configurator.reconfigure(
                    StreamingIngestCli.class.getResource("/log4j2-verbose.properties").toURI());
        } catch (URISyntaxException | RuntimeException e) {
            System.err.println("streaming-ingest: --verbose: cannot print logs: " + e);
        }
    }

    /** Runs one command without standard input or signal handling; returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, InputStream.nullInputStream(), out, err, false);
    }

    /**
     * Runs one command; returns the process exit code. With {@code handleSignals}, SIGINT and
     * SIGTERM stop {@code serve} gracefully (pipelines suspended with a savepoint, or left running
     * on a session cluster; exit 0).
     */
    static int run(
            List<String> args,
            InputStream in,
            PrintStream out,
            PrintStream err,
            boolean handleSignals) {
        args = args.stream().filter(arg -> !arg.equals(VERBOSE)).toList();
        if (args.isEmpty() || args.get(0).equals("help") || args.contains("--help")) {
            (args.isEmpty() ? err : out).println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        List<String> options = args.subList(1, args.size());
        try {
            switch (command) {
                case QUICKSTART:
                    Optional<CliCommand> quickstart = extraCommand(QUICKSTART);
                    if (quickstart.isEmpty()) {
                        err.println(QUICKSTART_MISSING);
                        return 1;
                    }
                    return quickstart.get().run(options, out, err);
                case "run":
                    return RunCommand.run(options, out, err);
                case "serve":
                    ServeCommand serve = new ServeCommand(ServeCommand.DEFAULT_STATUS_INTERVAL);
                    if (handleSignals) {
                        StopSignals.install(serve::stop, serve::awaitStopped);
                    }
                    return serve.run(options, out, err);
                case "shell":
                    if (handleSignals && System.console() != null) {
                        return ShellCommand.runOnTerminal(options, out, err);
                    }
                    return ShellCommand.run(
                            options,
                            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                            out,
                            err);
                default:
                    err.println("streaming-ingest: unknown command '" + command + "'.\n\n" + USAGE);
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            err.println("streaming-ingest: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("streaming-ingest: " + command + " failed: " + Errors.rootMessage(e));
            return 1;
        }
    }
}
