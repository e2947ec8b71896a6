package org.streamingest.job.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A command of {@code bin/streaming-ingest} that lives outside this module and is found on the
 * classpath through {@link java.util.ServiceLoader}: the quickstart, which is demo code (a local
 * Kinesis-API server) and therefore kept out of the product's classpath; the launcher adds the demo
 * module only for that command.
 */
public interface CliCommand {

    /** The command's name on the command line, e.g. {@code quickstart}. */
    String name();

    /**
     * Runs the command with the options after its name; returns the exit code. Bad options throw
     * {@link IllegalArgumentException} (exit 2), other failures any exception (exit 1).
     */
    int run(List<String> options, PrintStream out, PrintStream err) throws Exception;
}
