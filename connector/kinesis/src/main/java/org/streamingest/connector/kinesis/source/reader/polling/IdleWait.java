package org.streamingest.connector.kinesis.source.reader.polling;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where the fetcher thread waits while every shard is idle, and how another thread ends that wait
 * early. A wake-up that arrives while nobody waits is remembered and ends the next wait at once, so
 * it cannot be lost between the fetcher deciding to wait and starting to wait.
 */
final class IdleWait {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wokenUp = lock.newCondition();
    private boolean wakeUpPending;

    /**
     * Waits up to {@code nanos}.
     *
     * @return {@code true} if the time passed, {@code false} if the wait was ended by {@link
     *     #wakeUp()} (or the thread was interrupted, whose flag is then kept set)
     */
    boolean await(long nanos) {
        lock.lock();
        try {
            long remaining = nanos;
            while (!wakeUpPending && remaining > 0) {
                remaining = wokenUp.awaitNanos(remaining);
            }
            if (wakeUpPending) {
                wakeUpPending = false;
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the current wait, or the next one if nobody waits now. Callable from any thread. */
    void wakeUp() {
        lock.lock();
        try {
            wakeUpPending = true;
            wokenUp.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
