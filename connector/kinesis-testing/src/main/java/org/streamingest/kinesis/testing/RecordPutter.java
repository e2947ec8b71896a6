package org.streamingest.kinesis.testing;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Puts records with PutRecords in batches within the API limits, retrying failed entries. */
final class RecordPutter {

    static final int MAX_BATCH_RECORDS = 500;
    static final int MAX_BATCH_BYTES = 5 * 1024 * 1024;
    private static final int MAX_ATTEMPTS = 10;

    private final KinesisClient client;
    private final String streamName;

    RecordPutter(KinesisClient client, String streamName) {
        this.client = client;
        this.streamName = streamName;
    }

    /** Puts all entries and returns what was stored, in input order. */
    List<TestRecord> put(List<RecordEntry> entries) {
        List<TestRecord> stored = new ArrayList<>(entries.size());
        int from = 0;
        while (from < entries.size()) {
            int to = batchEnd(entries, from);
            stored.addAll(putBatch(entries.subList(from, to)));
            from = to;
        }
        return stored;
    }

    /** The exclusive end of the batch starting at {@code from}. */
    static int batchEnd(List<RecordEntry> entries, int from) {
        int bytes = 0;
        int to = from;
        while (to < entries.size() && to - from < MAX_BATCH_RECORDS) {
            int size = entries.get(to).sizeInBytes();
            if (to > from && bytes + size > MAX_BATCH_BYTES) {
                break;
            }
            bytes += size;
            to++;
        }
        return to;
    }

    private List<TestRecord> putBatch(List<RecordEntry> batch) {
        TestRecord[] stored = new TestRecord[batch.size()];
        // Index in the batch -> entry still to put; sorted, so retries keep the input order.
        TreeMap<Integer, RecordEntry> pending = new TreeMap<>();
        for (int i = 0; i < batch.size(); i++) {
            pending.put(i, batch.get(i));
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<Integer> indexes = new ArrayList<>(pending.keySet());
            PutRecordsResponse response =
                    client.putRecords(
                            r -> r.streamName(streamName).records(toSdk(pending.values())));
            String lastError = null;
            for (int i = 0; i < indexes.size(); i++) {
                PutRecordsResultEntry result = response.records().get(i);
                if (result.errorCode() == null) {
                    RecordEntry entry = pending.remove(indexes.get(i));
                    stored[indexes.get(i)] =
                            new TestRecord(
                                    entry.partitionKey(),
                                    entry.data(),
                                    result.sequenceNumber(),
                                    result.shardId());
                } else {
                    lastError = result.errorCode() + ": " + result.errorMessage();
                }
            }
            if (!pending.isEmpty() && attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException(
                        pending.size()
                                + " records could not be put into stream "
                                + streamName
                                + " after "
                                + MAX_ATTEMPTS
                                + " attempts; last error "
                                + lastError);
            }
            if (!pending.isEmpty()) {
                sleep(50L * attempt);
            }
        }
        return List.of(stored);
    }

    private static List<PutRecordsRequestEntry> toSdk(Iterable<RecordEntry> entries) {
        List<PutRecordsRequestEntry> sdk = new ArrayList<>();
        for (RecordEntry entry : entries) {
            sdk.add(
                    PutRecordsRequestEntry.builder()
                            .partitionKey(entry.partitionKey())
                            .data(SdkBytes.fromByteArray(entry.data()))
                            .build());
        }
        return sdk;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying PutRecords", e);
        }
    }
}
