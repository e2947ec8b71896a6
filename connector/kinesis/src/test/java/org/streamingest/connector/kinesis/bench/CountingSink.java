package org.streamingest.connector.kinesis.bench;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Discards payload sizes after counting them in JVM-wide counters (the MiniCluster runs in the
 * benchmark JVM), and notes when the first record arrived and when the expected count was reached.
 */
final class CountingSink implements Sink<Integer> {
    private static final long serialVersionUID = 1L;

    static final AtomicLong RECORDS = new AtomicLong();
    static final AtomicLong BYTES = new AtomicLong();
    static final AtomicLong FIRST_NANOS = new AtomicLong();
    static final AtomicLong DONE_NANOS = new AtomicLong();

    private final long expected;

    CountingSink(long expected) {
        this.expected = expected;
    }

    static void reset() {
        RECORDS.set(0);
        BYTES.set(0);
        FIRST_NANOS.set(0);
        DONE_NANOS.set(0);
    }

    @Override
    public SinkWriter<Integer> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(Integer payloadBytes, Context context) {
                BYTES.addAndGet(payloadBytes);
                long count = RECORDS.incrementAndGet();
                if (count == 1) {
                    FIRST_NANOS.set(System.nanoTime());
                }
                if (count == expected) {
                    DONE_NANOS.set(System.nanoTime());
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
