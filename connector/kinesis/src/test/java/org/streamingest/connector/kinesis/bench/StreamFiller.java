package org.streamingest.connector.kinesis.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a stream with fixed-size records by parallel PutRecords (500 per call), retrying failures.
 */
final class StreamFiller {
    private static final int BATCH = 500;
    private static final int PAYLOADS = 1000;

    private final KinesisClient client;
    private final String stream;
    private final List<SdkBytes> payloads = new ArrayList<>(PAYLOADS);

    StreamFiller(KinesisClient client, String stream, int recordBytes) {
        this.client = client;
        this.stream = stream;
        for (int i = 0; i < PAYLOADS; i++) {
            StringBuilder json = new StringBuilder("{\"n\":" + i + ",\"pad\":\"");
            while (json.length() < recordBytes - 2) {
                json.append((char) ('a' + json.length() % 26));
            }
            payloads.add(
                    SdkBytes.fromString(json.append("\"}").toString(), StandardCharsets.UTF_8));
        }
    }

    /** Puts {@code records} records with {@code threads} writers; returns the payload bytes put. */
    long fill(int records, int threads) throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(
                        pool.submit(
                                () -> {
                                    long from;
                                    while ((from = next.getAndAdd(BATCH)) < records) {
                                        int size = (int) Math.min(BATCH, records - from);
                                        bytes.addAndGet(putAll(from, size));
                                    }
                                    return null;
                                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return bytes.get();
    }

    private long putAll(long from, int size) {
        List<PutRecordsRequestEntry> pending = new ArrayList<>(size);
        long bytes = 0;
        for (int i = 0; i < size; i++) {
            SdkBytes data = payloads.get((int) ((from + i) % PAYLOADS));
            bytes += data.asByteBuffer().remaining();
            pending.add(
                    PutRecordsRequestEntry.builder()
                            .partitionKey("pk-" + (from + i))
                            .data(data)
                            .build());
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > 10) {
                throw new IllegalStateException(pending.size() + " records failed 10 times");
            }
            List<PutRecordsRequestEntry> request = pending;
            PutRecordsResponse response =
                    client.putRecords(r -> r.streamName(stream).records(request));
            pending = new ArrayList<>();
            List<PutRecordsResultEntry> results = response.records();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() != null) {
                    pending.add(request.get(i));
                }
            }
        }
        return bytes;
    }
}
