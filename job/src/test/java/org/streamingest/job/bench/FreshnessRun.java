package org.streamingest.job.bench;

import org.streamingest.kinesis.testing.RecordEntry;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUTO REFRESH freshness: a producer puts records with their put time embedded ({@code put_ms}) at
 * a steady rate while a poller reads every new Iceberg snapshot of the view (its appended rows); a
 * record's latency is its snapshot's commit time minus its put time, and its observed latency is
 * the time the poller first saw the snapshot minus its put time.
 */
final class FreshnessRun {

    private static final Pattern PUT_MS = Pattern.compile("\"put_ms\":(\\d+)");
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final int BATCHES_PER_SECOND = 10;

    private final Table view;
    private final Map<Long, long[]> seen = new HashMap<>(); // id -> {commit lat, observed lat}
    private Long last;

    FreshnessRun(Table view) {
        this.view = view;
        this.last = Snapshots.current(view);
    }

    /** Puts {@code rate} records/s for {@code seconds} s from {@code firstId}; awaits them all. */
    Result run(TestStream stream, long firstId, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        int batch = rate / BATCHES_PER_SECOND;
        Thread producer =
                new Thread(
                        () -> {
                            long begin = System.nanoTime();
                            for (int b = 0; b * batch < total; b++) {
                                long due = begin + b * 1_000_000_000L / BATCHES_PER_SECOND;
                                while (System.nanoTime() < due) {
                                    Thread.onSpinWait();
                                    sleepQuietly();
                                }
                                List<RecordEntry> entries = new ArrayList<>(batch);
                                long now = System.currentTimeMillis();
                                for (int i = 0; i < batch; i++) {
                                    entries.add(
                                            BenchPayloads.entry(firstId + b * batch + i, now, 0));
                                }
                                stream.put(entries);
                            }
                        },
                        "freshness-producer");
        producer.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 120L).toNanos();
        while (seen.size() < total && System.nanoTime() < deadline) {
            poll(firstId);
            Thread.sleep(100);
        }
        producer.join();
        return new Result(total, seen.size(), column(0), column(1));
    }

    private void poll(long firstId) throws Exception {
        Long current = Snapshots.current(view);
        if (current == null || current.equals(last)) {
            return;
        }
        long observed = System.currentTimeMillis();
        List<Snapshot> added = new ArrayList<>();
        for (Snapshot s = view.snapshot(current);
                s != null && (last == null || s.snapshotId() != last);
                s = s.parentId() == null ? null : view.snapshot(s.parentId())) {
            added.add(0, s);
        }
        Long previous = last;
        for (Snapshot s : added) {
            IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(view);
            scan =
                    previous == null
                            ? scan.useSnapshot(s.snapshotId())
                            : scan.appendsBetween(previous, s.snapshotId());
            try (CloseableIterable<Record> rows = scan.build()) {
                for (Record row : rows) {
                    String json = String.valueOf(row.getField("kinesis_data"));
                    Matcher put = PUT_MS.matcher(json);
                    Matcher id = ID.matcher(json);
                    if (put.find() && id.find() && Long.parseLong(id.group(1)) >= firstId) {
                        long putMs = Long.parseLong(put.group(1));
                        seen.putIfAbsent(
                                Long.parseLong(id.group(1)),
                                new long[] {s.timestampMillis() - putMs, observed - putMs});
                    }
                }
            }
            previous = s.snapshotId();
        }
        last = current;
    }

    private long[] column(int c) {
        return seen.values().stream().mapToLong(v -> v[c]).sorted().toArray();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records put and seen, and the sorted commit and observed latencies in ms. */
    record Result(int put, int seen, long[] commitLatency, long[] observedLatency) {

        static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return -1;
            }
            int at = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, at))];
        }
    }
}
