package org.streamingest.connector.kinesis.source;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until a deadline; never a fixed sleep in place of a condition. */
final class Poll {
    private static final long INTERVAL_MILLIS = 50;

    private Poll() {}

    static void until(Duration timeout, String what, BooleanSupplier condition) {
        until(timeout, () -> what, condition);
    }

    /** Polls {@code condition}; on timeout fails with {@code what} evaluated at that moment. */
    static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Timed out after " + timeout + " waiting for " + what.get());
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what.get(), e);
            }
        }
    }
}
