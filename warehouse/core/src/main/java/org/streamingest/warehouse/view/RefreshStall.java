package org.streamingest.warehouse.view;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The bound on a manual refresh's wait: a refresh ends when every reader reports that the source
 * caught up, and fails when nothing it watches (the job's state, records read, per-shard lag,
 * readers caught up) changed for {@link #timeout()}. A refresh that reads makes its metrics move;
 * one that waits for a reader that will never report must not wait for ever.
 */
final class RefreshStall {

    /** How long a refresh may see no change at all before it gives up. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Duration timeout;
    private final LongSupplier nanoTime;
    private Map<String, String> last;
    private long lastChange;

    RefreshStall(Duration timeout, LongSupplier nanoTime) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.nanoTime = nanoTime;
        this.lastChange = nanoTime.getAsLong();
    }

    Duration timeout() {
        return timeout;
    }

    /** Takes what the refresh sees now; true when it has not changed for {@link #timeout()}. */
    boolean stalled(Map<String, String> seen) {
        long now = nanoTime.getAsLong();
        if (!seen.equals(last)) {
            last = Map.copyOf(seen);
            lastChange = now;
            return false;
        }
        return now - lastChange >= timeout.toNanos();
    }
}
