package org.streamingest.connector.kinesis.bench;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: one thread per shard, GetRecords (Limit 10000) from TRIM_HORIZON until a page comes
 * back empty at the tip of the (no longer written) stream. Counts records and payload bytes.
 */
final class RawGetRecordsReader {
    private static final int LIMIT = 10_000;

    private final KinesisClient client;
    private final String stream;
    private final long serverPid;

    RawGetRecordsReader(KinesisClient client, String stream, long serverPid) {
        this.client = client;
        this.stream = stream;
        this.serverPid = serverPid;
    }

    ReadResult read(List<String> shardIds) throws Exception {
        AtomicLong records = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(shardIds.size());
        long start = System.nanoTime();
        CpuTimes cpu = CpuTimes.now(serverPid);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (String shardId : shardIds) {
                readers.add(
                        pool.submit(
                                () -> {
                                    readShard(shardId, records, bytes, first, last);
                                    return null;
                                }));
            }
            for (Future<?> reader : readers) {
                reader.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new ReadResult(
                "raw GetRecords, " + shardIds.size() + " threads",
                records.get(),
                bytes.get(),
                start,
                start,
                first.get(),
                last.get(),
                CpuTimes.now(serverPid).minus(cpu));
    }

    private void readShard(
            String shardId,
            AtomicLong records,
            AtomicLong bytes,
            AtomicLong first,
            AtomicLong last) {
        String iterator =
                client.getShardIterator(
                                r ->
                                        r.streamName(stream)
                                                .shardId(shardId)
                                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = client.getRecords(r -> r.shardIterator(current).limit(LIMIT));
            if (page.records().isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            long size = 0;
            for (Record record : page.records()) {
                size += record.data().asByteBuffer().remaining();
            }
            bytes.addAndGet(size);
            records.addAndGet(page.records().size());
            last.accumulateAndGet(now, Math::max);
            iterator = page.nextShardIterator();
        }
    }
}
