package org.streamingest.connector.kinesis.source;

import org.streamingest.kinesis.testing.RecordEntry;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Puts records into a stream from a background thread until stopped, one PutRecords call after the
 * other, each with one record per partition key, so per-key put order is the call order.
 */
final class ContinuousPutter implements AutoCloseable {
    private final TestStream stream;
    private final int keys;
    private final IntConsumer onPut;
    private final List<TestRecord> put = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Throwable error;

    /**
     * @param onPut told the total number of records put after each call
     */
    ContinuousPutter(TestStream stream, int keys, IntConsumer onPut) {
        this.stream = stream;
        this.keys = keys;
        this.onPut = onPut;
        this.thread = new Thread(this::run, "put-" + stream.name());
        this.thread.setDaemon(true);
    }

    ContinuousPutter start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            for (int batch = 0; !stopped; batch++) {
                List<RecordEntry> entries = new ArrayList<>(keys);
                for (int key = 0; key < keys; key++) {
                    entries.add(RecordEntry.utf8("key-" + key, "batch-" + batch + "-key-" + key));
                }
                List<TestRecord> stored = stream.put(entries);
                int total;
                synchronized (put) {
                    put.addAll(stored);
                    total = put.size();
                }
                onPut.accept(total);
            }
        } catch (Throwable t) {
            error = t;
        }
    }

    int count() {
        synchronized (put) {
            return put.size();
        }
    }

    /** Waits until {@code more} records were put after this call. */
    void awaitMore(int more, Duration timeout) {
        int target = count() + more;
        Poll.until(
                timeout,
                () -> target + " records put into " + stream + ", have " + count(),
                () -> {
                    if (error != null) {
                        throw new AssertionError("Putting records failed", error);
                    }
                    return count() >= target;
                });
    }

    /** Stops putting and returns every record put, in put order. */
    List<TestRecord> stop() throws InterruptedException {
        stopped = true;
        thread.join(60_000);
        if (error != null) {
            throw new AssertionError("Putting records failed", error);
        }
        synchronized (put) {
            return new ArrayList<>(put);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(60_000);
    }
}
