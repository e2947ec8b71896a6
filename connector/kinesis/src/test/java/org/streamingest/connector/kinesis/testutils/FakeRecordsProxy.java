package org.streamingest.connector.kinesis.testutils;

import org.streamingest.connector.kinesis.proxy.FanOutProxy;
import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.RecordBatch;
import org.streamingest.connector.kinesis.proxy.ShardInfo;
import org.streamingest.connector.kinesis.proxy.StreamDescription;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.connector.kinesis.proxy.StreamProxy;
import org.streamingest.connector.kinesis.source.ProxyFactory;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An in-memory stream for reader tests: shards hold records, GetRecords reads them from a position
 * like Kinesis does, and every call is logged. A closed shard reports its end in one of the two
 * shapes the npm servers use. Thread-safe: the fetcher thread reads while the test writes.
 */
public final class FakeRecordsProxy implements StreamProxy {

    /** How a closed shard reports its end. */
    public enum EndShape {
        /** The last records and the end in one response (kinesis-mock, AWS). */
        WITH_LAST_RECORDS,
        /** The last records, then an empty response carrying the end (kinesalite). */
        ON_EMPTY_PAGE
    }

    /** One logged GetRecords call. */
    public record Call(String shardId, StartingPosition position, int maxRecords) {}

    private final StreamId stream;
    private final Map<String, Shard> shards = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private long nextSequence = 1_000;
    private int closeCount;

    public FakeRecordsProxy(StreamId stream) {
        this.stream = stream;
    }

    /** Appends records with these UTF-8 payloads to the shard (created if new). */
    public synchronized List<KinesisRecord> put(String shardId, String... payloads) {
        List<KinesisRecord> added = new ArrayList<>();
        for (String payload : payloads) {
            added.add(put(shardId, payload.getBytes(StandardCharsets.UTF_8)));
        }
        return added;
    }

    /** Appends one record to the shard (created if new). */
    public synchronized KinesisRecord put(String shardId, byte[] payload) {
        long seq = nextSequence++;
        KinesisRecord record =
                new KinesisRecord(
                        "pk-" + seq,
                        String.format("%056d", seq),
                        Instant.ofEpochMilli(1_700_000_000_000L + seq),
                        payload);
        shard(shardId).records.add(record);
        return record;
    }

    /** Creates an empty shard. */
    public synchronized void createShard(String shardId) {
        shard(shardId);
    }

    /** Closes the shard: once its last record is read, GetRecords reports the end. */
    public synchronized void closeShard(String shardId, EndShape shape) {
        Shard shard = shard(shardId);
        shard.closed = true;
        shard.endShape = shape;
    }

    /** From now on GetRecords on this shard fails as for a shard past retention. */
    public synchronized void expire(String shardId) {
        shard(shardId).expired = true;
    }

    /** From now on GetRecords on this shard throws {@code failure}. */
    public synchronized void failWith(String shardId, RuntimeException failure) {
        shard(shardId).failure = failure;
    }

    /** The MillisBehindLatest returned for the shard (-1 by default: not reported). */
    public synchronized void millisBehindLatest(String shardId, long millis) {
        shard(shardId).millisBehindLatest = millis;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> callsFor(String shardId) {
        return calls.stream().filter(c -> c.shardId().equals(shardId)).collect(Collectors.toList());
    }

    public synchronized int closeCount() {
        return closeCount;
    }

    /** A factory handing out this proxy (for one JVM; it is never serialized in unit tests). */
    public ProxyFactory factory() {
        FakeRecordsProxy proxy = this;
        return new ProxyFactory() {
            private static final long serialVersionUID = 1L;

            @Override
            public StreamProxy createStreamProxy() {
                return proxy;
            }

            @Override
            public FanOutProxy createFanOutProxy() {
                throw new UnsupportedOperationException("FakeRecordsProxy only serves polling");
            }
        };
    }

    @Override
    public synchronized RecordBatch getRecords(
            StreamId stream, String shardId, StartingPosition position, int maxRecords) {
        calls.add(new Call(shardId, position, maxRecords));
        Shard shard = shards.get(shardId);
        if (!this.stream.equals(stream) || shard == null || shard.expired) {
            throw new StreamNotFoundException(
                    "Shard " + shardId + " of stream " + stream + " not found", null);
        }
        if (shard.failure != null) {
            throw shard.failure;
        }
        int from = shard.indexOf(position);
        int to = Math.min(from + maxRecords, shard.records.size());
        List<KinesisRecord> batch = List.copyOf(shard.records.subList(from, to));
        boolean atEnd = shard.closed && to == shard.records.size();
        boolean ended = atEnd && (shard.endShape == EndShape.WITH_LAST_RECORDS || batch.isEmpty());
        return new RecordBatch(batch, shard.millisBehindLatest, ended);
    }

    @Override
    public synchronized List<String> listStreams() {
        return List.of(stream.name());
    }

    @Override
    public synchronized StreamDescription describeStream(StreamId stream) {
        long open = shards.values().stream().filter(s -> !s.closed).count();
        return new StreamDescription(stream.name(), stream.arn(), "ACTIVE", 24, (int) open);
    }

    @Override
    public synchronized List<ShardInfo> listShards(StreamId stream, String exclusiveStartShardId) {
        List<ShardInfo> infos = new ArrayList<>();
        shards.forEach(
                (id, s) ->
                        infos.add(
                                new ShardInfo(
                                        id,
                                        null,
                                        null,
                                        BigInteger.ZERO,
                                        BigInteger.ONE,
                                        s.closed)));
        return infos;
    }

    @Override
    public synchronized void close() {
        closeCount++;
    }

    private Shard shard(String shardId) {
        return shards.computeIfAbsent(shardId, id -> new Shard());
    }

    private static final class Shard {
        final List<KinesisRecord> records = new ArrayList<>();
        boolean closed;
        boolean expired;
        EndShape endShape = EndShape.WITH_LAST_RECORDS;
        RuntimeException failure;
        long millisBehindLatest = -1;

        int indexOf(StartingPosition position) {
            switch (position.type()) {
                case TRIM_HORIZON:
                    return 0;
                case LATEST:
                    return records.size();
                case AT_TIMESTAMP:
                    for (int i = 0; i < records.size(); i++) {
                        Instant arrival = records.get(i).approximateArrivalTimestamp();
                        if (!arrival.isBefore(position.timestamp())) {
                            return i;
                        }
                    }
                    return records.size();
                case AT_SEQUENCE_NUMBER:
                    return indexOfSequence(position.sequenceNumber());
                case AFTER_SEQUENCE_NUMBER:
                    return indexOfSequence(position.sequenceNumber()) + 1;
                default:
                    throw new IllegalArgumentException("Unknown position " + position);
            }
        }

        private int indexOfSequence(String sequenceNumber) {
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i).sequenceNumber().equals(sequenceNumber)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("No record with sequence number " + sequenceNumber);
        }
    }
}
