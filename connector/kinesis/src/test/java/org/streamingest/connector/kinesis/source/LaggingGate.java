package org.streamingest.connector.kinesis.source;

import org.apache.flink.api.common.functions.MapFunction;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets records pass only up to a limit the test moves forward (all subtasks together), so the
 * source is held back by backpressure and reads behind the writer. A reshard then happens while the
 * parent shards still hold unread records, and the order of parent and child is put to the test
 * instead of being hidden by a reader that is always at the tip.
 */
final class LaggingGate implements MapFunction<ReadRecord, ReadRecord> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, AtomicInteger> LIMITS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> PASSED = new ConcurrentHashMap<>();

    private final String id;

    LaggingGate(String id) {
        this.id = id;
    }

    /** Lets at most {@code records} records pass in total. */
    static void limit(String id, int records) {
        LIMITS.computeIfAbsent(id, k -> new AtomicInteger()).set(records);
    }

    /** Lets every record pass from now on. */
    static void open(String id) {
        limit(id, Integer.MAX_VALUE);
    }

    @Override
    public ReadRecord map(ReadRecord record) throws InterruptedException {
        AtomicInteger limit = LIMITS.computeIfAbsent(id, k -> new AtomicInteger());
        AtomicInteger passed = PASSED.computeIfAbsent(id, k -> new AtomicInteger());
        while (true) {
            int current = passed.get();
            if (current < limit.get() && passed.compareAndSet(current, current + 1)) {
                return record;
            }
            if (current >= limit.get()) {
                Thread.sleep(5);
            }
        }
    }
}
