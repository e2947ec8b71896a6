package org.streamingest.job.cli;

import org.streamingest.warehouse.pipeline.Errors;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code streaming-ingest serve [options] [FILE.sql]}: runs the optional script, then keeps the
 * pipelines of AUTO REFRESH YES views running until {@link #stop()} (wired to SIGINT and SIGTERM by
 * the entry point). Every status interval it prints one line to stderr. On stop, running pipelines
 * end exactly as at the end of {@code run} (suspended with a savepoint, or left running on a
 * session cluster), and the command returns 0.
 */
final class ServeCommand {

    static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(30);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Duration statusInterval;

    ServeCommand(Duration statusInterval) {
        this.statusInterval = statusInterval;
    }

    /** Asks a running {@link #run} to end its pipelines and return; safe from any thread. */
    void stop() {
        stop.countDown();
    }

    /** Waits until {@link #run} has ended the pipelines and returned. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        try {
            return serve(CliOptions.parse("serve", args, true), out, err);
        } finally {
            stopped.countDown();
        }
    }

    private int serve(CliOptions options, PrintStream out, PrintStream err) throws Exception {
        RunCommand.Script script = null;
        if (options.file() != null) {
            script = RunCommand.Script.load(options.file(), err);
            if (script.exitCode() != 0) {
                return script.exitCode();
            }
        }
        try (Session session = Session.open(options, err, true)) {
            if (script != null) {
                int code = script.executeOn(session, out, err);
                if (code != 0) {
                    return code;
                }
            }
            err.println(
                    "streaming-ingest: serving warehouse "
                            + options.warehouse()
                            + (session.leavesPipelinesRunning()
                                    ? "; press Ctrl-C to exit (the pipelines keep running on the"
                                            + " session cluster)."
                                    : "; press Ctrl-C to suspend the pipelines and exit."));
            do {
                err.println(status(session));
            } while (!stop.await(statusInterval.toMillis(), TimeUnit.MILLISECONDS));
            err.println("streaming-ingest: stopping");
        }
        return 0;
    }

    private static String status(Session session) {
        List<?> running = session.executor().runningPipelines();
        String views;
        try {
            views = String.valueOf(session.executor().viewCount());
        } catch (Exception e) {
            views = "? (" + Errors.rootMessage(e) + ")";
        }
        List<?> failed = session.executor().failedPipelines();
        return "streaming-ingest: status: "
                + views
                + " materialized views, "
                + running.size()
                + " pipelines running "
                + running
                + (failed.isEmpty() ? "" : ", " + failed.size() + " stopped by an error " + failed);
    }
}
