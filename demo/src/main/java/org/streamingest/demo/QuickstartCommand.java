package org.streamingest.demo;

import org.streamingest.job.cli.CliCommand;

import java.io.PrintStream;
import java.util.List;

/** {@code bin/streaming-ingest quickstart}: registered with the CLI as a {@link CliCommand}. */
public final class QuickstartCommand implements CliCommand {

    @Override
    public String name() {
        return "quickstart";
    }

    @Override
    public int run(List<String> options, PrintStream out, PrintStream err) throws Exception {
        return Quickstart.fromArgs(options).run(out, err);
    }
}
