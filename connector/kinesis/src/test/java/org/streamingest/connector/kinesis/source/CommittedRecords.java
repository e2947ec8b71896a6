package org.streamingest.connector.kinesis.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link CommittingTestSink}s committed and wrote, per output id, in this JVM (the MiniCluster
 * runs in the test JVM). Committing a batch twice (Flink re-commits after a restore) keeps one
 * copy, so the committed view is exactly-once; the written view is everything the writers saw.
 */
final class CommittedRecords {

    private static final Map<String, Map<String, List<ReadRecord>>> COMMITTED =
            new ConcurrentHashMap<>();
    private static final Map<String, List<ReadRecord>> WRITTEN = new ConcurrentHashMap<>();

    private CommittedRecords() {}

    /** Publishes a batch once; a repeated commit of the same batch id changes nothing. */
    static void commit(String outputId, String batchId, List<ReadRecord> records) {
        Map<String, List<ReadRecord>> batches =
                COMMITTED.computeIfAbsent(outputId, id -> new LinkedHashMap<>());
        synchronized (batches) {
            batches.putIfAbsent(batchId, List.copyOf(records));
        }
    }

    static void written(String outputId, ReadRecord record) {
        List<ReadRecord> records = WRITTEN.computeIfAbsent(outputId, id -> new ArrayList<>());
        synchronized (records) {
            records.add(record);
        }
    }

    /** Every committed record of the output, batches in commit order. */
    static List<ReadRecord> committed(String outputId) {
        Map<String, List<ReadRecord>> batches = COMMITTED.getOrDefault(outputId, Map.of());
        synchronized (batches) {
            List<ReadRecord> all = new ArrayList<>();
            batches.values().forEach(all::addAll);
            return all;
        }
    }

    /** Every record the output's writers received, committed or not, in arrival order. */
    static List<ReadRecord> written(String outputId) {
        List<ReadRecord> records = WRITTEN.getOrDefault(outputId, List.of());
        synchronized (records) {
            return new ArrayList<>(records);
        }
    }
}
