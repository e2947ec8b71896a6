package org.streamingest.job.bench;

import org.streamingest.kinesis.testing.RecordEntry;
import org.streamingest.kinesis.testing.TestStream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark's records: ~1 KB JSON objects carrying their index and put time ({@code put_ms}),
 * every {@code malformedEvery}-th one cut short so that {@code CAN_JSON_PARSE} rejects it.
 */
final class BenchPayloads {

    static final int SIZE = 1024;
    private static final int PUT_CHUNK = 500;

    private BenchPayloads() {}

    /**
     * Record {@code index}; malformed when {@code malformedEvery > 0} divides {@code index + 1}.
     */
    static RecordEntry entry(long index, long putMillis, int malformedEvery) {
        boolean malformed = malformedEvery > 0 && (index + 1) % malformedEvery == 0;
        StringBuilder json = new StringBuilder(SIZE);
        json.append("{\"put_ms\":")
                .append(putMillis)
                .append(",\"id\":")
                .append(index)
                .append(",\"item\":\"item-")
                .append(index % 97)
                .append("\",\"qty\":")
                .append(index % 13)
                .append(",\"pad\":\"");
        while (json.length() < SIZE - 2) {
            json.append((char) ('a' + json.length() % 26));
        }
        json.append(malformed ? "\"," : "\"}");
        return RecordEntry.utf8("pk-" + index, json.toString());
    }

    /** Valid records among indexes {@code [0, count)}. */
    static long valid(long count, int malformedEvery) {
        return malformedEvery > 0 ? count - count / malformedEvery : count;
    }

    /** Puts records {@code [from, from + count)} with {@code writers} threads; returns seconds. */
    static double fill(TestStream stream, long from, int count, int malformedEvery, int writers)
            throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(
                        pool.submit(
                                () -> {
                                    for (long c = from + (long) writer * PUT_CHUNK;
                                            c < from + count;
                                            c += (long) writers * PUT_CHUNK) {
                                        List<RecordEntry> chunk = new ArrayList<>(PUT_CHUNK);
                                        long end = Math.min(c + PUT_CHUNK, from + count);
                                        long now = System.currentTimeMillis();
                                        for (long i = c; i < end; i++) {
                                            chunk.add(entry(i, now, malformedEvery));
                                        }
                                        stream.put(chunk);
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
