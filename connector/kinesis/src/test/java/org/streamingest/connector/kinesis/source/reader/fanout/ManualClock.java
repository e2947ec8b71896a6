package org.streamingest.connector.kinesis.source.reader.fanout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanosecond clock that only moves when the test moves it; counts how often it is read. */
final class ManualClock implements LongSupplier {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final AtomicLong reads = new AtomicLong();

    @Override
    public long getAsLong() {
        reads.incrementAndGet();
        return nanos.get();
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    long now() {
        return nanos.get();
    }
}
