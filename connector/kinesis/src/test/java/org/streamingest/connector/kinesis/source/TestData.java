package org.streamingest.connector.kinesis.source;

import org.streamingest.kinesis.testing.RecordEntry;

import java.util.ArrayList;
import java.util.List;

/** Records to put: unique UTF-8 data, partition keys reused round-robin. */
final class TestData {
    private TestData() {}

    /**
     * {@code count} entries with data {@code <prefix>-<i>} and partition key {@code key-<i %
     * keys>}, so every key appears in order and keys are reused across batches.
     */
    static List<RecordEntry> entries(String prefix, int count, int keys) {
        List<RecordEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(RecordEntry.utf8("key-" + (i % keys), prefix + "-" + i));
        }
        return entries;
    }

    static <T> List<T> concat(List<? extends T> first, List<? extends T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
