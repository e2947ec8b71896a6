package org.streamingest.job.cli;

import sun.misc.Signal;

import java.time.Duration;

/**
 * Wires SIGINT and SIGTERM to a graceful stop: the handler only asks the command to stop, so the
 * command's own thread ends the pipelines and returns its exit code (0). A shutdown hook covers
 * every other way the JVM may end (e.g. SIGHUP) by asking for the stop and waiting for it.
 */
final class StopSignals {

    /** Waits for the stopped command, up to a timeout; true when it has stopped. */
    interface Stopped {
        boolean await(Duration timeout) throws InterruptedException;
    }

    private static final Duration SHUTDOWN_GRACE = Duration.ofMinutes(2);

    private StopSignals() {}

    static void install(Runnable stop, Stopped stopped) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> stop.run());
            } catch (IllegalArgumentException unavailable) {
                // this platform does not let us handle it; the shutdown hook below still stops
            }
        }
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stop.run();
                                    try {
                                        stopped.await(SHUTDOWN_GRACE);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                },
                                "streaming-ingest-stop"));
    }
}
