package org.streamingest.connector.kinesis.source.reader;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The start of the reader's current refresh span. A span begins when the reader is created (which
 * is also when it is restored) and again at every checkpoint the reader takes, so every record
 * emitted between two checkpoints carries the same refresh time. Used only on the task's main
 * thread.
 */
final class RefreshClock implements Supplier<Instant> {
    private final Clock clock;
    private final boolean fixed;
    private Instant spanStart;

    RefreshClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.spanStart = clock.instant();
        this.fixed = false;
    }

    /** A clock for a manual refresh: the span is the whole run and starts at {@code start}. */
    RefreshClock(Instant start) {
        this.clock = null;
        this.spanStart = Objects.requireNonNull(start, "start");
        this.fixed = true;
    }

    /** Starts a new span now; a manual refresh keeps its start. */
    void startNewSpan() {
        if (!fixed) {
            spanStart = clock.instant();
        }
    }

    /** Start of the current span. */
    @Override
    public Instant get() {
        return spanStart;
    }
}
