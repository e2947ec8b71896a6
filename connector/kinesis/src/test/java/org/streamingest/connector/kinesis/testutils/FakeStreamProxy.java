package org.streamingest.connector.kinesis.testutils;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.RecordBatch;
import org.streamingest.connector.kinesis.proxy.ShardInfo;
import org.streamingest.connector.kinesis.proxy.StreamDescription;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.connector.kinesis.proxy.StreamProxy;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory Kinesis behind the {@link StreamProxy} seam, for unit tests. Streams have shards
 * with lineage (split, merge, uniform UpdateShardCount, expiry past retention) and records routed
 * by the MD5 of the partition key like Kinesis. It can behave like kinesalite, whose ListShards
 * ignores the start shard and returns every shard ({@link #ignoreListShardsFilter}). Thread safe.
 */
public final class FakeStreamProxy implements StreamProxy {
    private static final BigInteger MAX_HASH_KEY =
            BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private final Map<String, Map<String, FakeShard>> streams = new TreeMap<>();
    private final Map<String, Integer> nextShardNumber = new TreeMap<>();
    private final List<String> listShardsRequests = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private long nextSequenceNumber = 1;
    private boolean ignoreListShardsFilter;
    private RuntimeException listShardsFailure;
    private boolean closed;

    /** Creates a stream whose shards split the hash-key space evenly. */
    public synchronized FakeStreamProxy createStream(String stream, int shardCount) {
        streams.put(stream, new TreeMap<>());
        nextShardNumber.put(stream, 0);
        BigInteger width = MAX_HASH_KEY.add(BigInteger.ONE).divide(BigInteger.valueOf(shardCount));
        for (int i = 0; i < shardCount; i++) {
            BigInteger start = width.multiply(BigInteger.valueOf(i));
            BigInteger end =
                    i == shardCount - 1 ? MAX_HASH_KEY : start.add(width).subtract(BigInteger.ONE);
            addShard(stream, null, null, start, end);
        }
        return this;
    }

    /** SplitShard at the midpoint of the parent's range; returns the two children's ids. */
    public synchronized List<String> splitShard(String stream, String shardId) {
        FakeShard parent = openShard(stream, shardId);
        parent.closed = true;
        BigInteger mid = parent.midpoint();
        String low = addShard(stream, shardId, null, parent.startingHashKey, mid);
        String high =
                addShard(stream, shardId, null, mid.add(BigInteger.ONE), parent.endingHashKey);
        return List.of(low, high);
    }

    /** MergeShards of two adjacent open shards; returns the child's id. */
    public synchronized String mergeShards(String stream, String shardId, String adjacentShardId) {
        FakeShard a = openShard(stream, shardId);
        FakeShard b = openShard(stream, adjacentShardId);
        FakeShard low = a.startingHashKey.compareTo(b.startingHashKey) < 0 ? a : b;
        FakeShard high = low == a ? b : a;
        if (!low.endingHashKey.add(BigInteger.ONE).equals(high.startingHashKey)) {
            throw new IllegalArgumentException(
                    shardId + " and " + adjacentShardId + " are not adjacent");
        }
        a.closed = true;
        b.closed = true;
        return addShard(stream, shardId, adjacentShardId, low.startingHashKey, high.endingHashKey);
    }

    /**
     * UpdateShardCount with UNIFORM_SCALING as kinesis-mock does it: doubling splits every open
     * shard, halving merges neighbours pairwise. Returns the new shards' ids.
     */
    public synchronized List<String> updateShardCount(String stream, int target) {
        List<FakeShard> open = new ArrayList<>();
        for (FakeShard shard : shards(stream).values()) {
            if (!shard.closed && !shard.expired) {
                open.add(shard);
            }
        }
        open.sort((x, y) -> x.startingHashKey.compareTo(y.startingHashKey));
        List<String> created = new ArrayList<>();
        if (target == open.size() * 2) {
            for (FakeShard shard : open) {
                created.addAll(splitShard(stream, shard.shardId));
            }
        } else if (target * 2 == open.size()) {
            for (int i = 0; i < open.size(); i += 2) {
                created.add(mergeShards(stream, open.get(i).shardId, open.get(i + 1).shardId));
            }
        } else {
            throw new IllegalArgumentException(
                    "The fake only doubles or halves the shard count, not "
                            + open.size()
                            + " -> "
                            + target);
        }
        return created;
    }

    /** The shard passed the retention period: it is no longer listed or readable. */
    public synchronized void expireShard(String stream, String shardId) {
        shard(stream, shardId).expired = true;
    }

    /** Puts a record routed by the MD5 of its partition key; returns its sequence number. */
    public synchronized String putRecord(String stream, String partitionKey, String data) {
        BigInteger hashKey = hashKey(partitionKey);
        for (FakeShard shard : shards(stream).values()) {
            if (!shard.closed && !shard.expired && shard.covers(hashKey)) {
                return append(shard, partitionKey, data);
            }
        }
        throw new IllegalStateException("no open shard covers " + hashKey);
    }

    /** Puts a record into one shard, whatever its key; returns its sequence number. */
    public synchronized String putRecordToShard(
            String stream, String shardId, String partitionKey, String data) {
        return append(openShard(stream, shardId), partitionKey, data);
    }

    /** Makes ListShards ignore the start shard id and return every shard, as kinesalite does. */
    public synchronized FakeStreamProxy ignoreListShardsFilter(boolean ignore) {
        this.ignoreListShardsFilter = ignore;
        return this;
    }

    /** Makes every following ListShards throw {@code failure} (null to stop). */
    public synchronized void failListShards(RuntimeException failure) {
        this.listShardsFailure = failure;
    }

    /** The clock that stamps ApproximateArrivalTimestamp. */
    public synchronized FakeStreamProxy withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The {@code exclusiveStartShardId} of every ListShards call so far ("" for none). */
    public synchronized List<String> listShardsRequests() {
        return new ArrayList<>(listShardsRequests);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized List<String> listStreams() {
        return new ArrayList<>(streams.keySet());
    }

    @Override
    public synchronized StreamDescription describeStream(StreamId stream) {
        int open = 0;
        for (FakeShard shard : shards(stream.name()).values()) {
            open += shard.closed || shard.expired ? 0 : 1;
        }
        return new StreamDescription(stream.name(), arn(stream.name()), "ACTIVE", 24, open);
    }

    @Override
    public synchronized List<ShardInfo> listShards(StreamId stream, String exclusiveStartShardId) {
        listShardsRequests.add(exclusiveStartShardId == null ? "" : exclusiveStartShardId);
        if (listShardsFailure != null) {
            throw listShardsFailure;
        }
        List<ShardInfo> result = new ArrayList<>();
        for (FakeShard shard : shards(stream.name()).values()) {
            boolean filtered =
                    !ignoreListShardsFilter
                            && exclusiveStartShardId != null
                            && shard.shardId.compareTo(exclusiveStartShardId) <= 0;
            if (!shard.expired && !filtered) {
                result.add(shard.info());
            }
        }
        return result;
    }

    @Override
    public synchronized RecordBatch getRecords(
            StreamId stream, String shardId, StartingPosition position, int maxRecords) {
        FakeShard shard = shard(stream.name(), shardId);
        if (shard.expired) {
            throw new StreamNotFoundException(
                    "Shard " + shardId + " of Kinesis stream '" + stream + "' does not exist.",
                    null);
        }
        List<KinesisRecord> records = shard.records;
        int from = startIndex(records, position, shardId);
        int to = Math.min(records.size(), from + maxRecords);
        long behind =
                to == records.size()
                        ? 0
                        : records.get(records.size() - 1)
                                        .approximateArrivalTimestamp()
                                        .toEpochMilli()
                                - records.get(to).approximateArrivalTimestamp().toEpochMilli();
        return new RecordBatch(
                records.subList(from, to), behind, shard.closed && to == records.size());
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private static int startIndex(
            List<KinesisRecord> records, StartingPosition position, String shardId) {
        switch (position.type()) {
            case TRIM_HORIZON:
                return 0;
            case LATEST:
                return records.size();
            case AT_TIMESTAMP:
                for (int i = 0; i < records.size(); i++) {
                    if (!records.get(i)
                            .approximateArrivalTimestamp()
                            .isBefore(position.timestamp())) {
                        return i;
                    }
                }
                return records.size();
            default:
                for (int i = 0; i < records.size(); i++) {
                    if (records.get(i).sequenceNumber().equals(position.sequenceNumber())) {
                        return position.type() == StartingPosition.Type.AT_SEQUENCE_NUMBER
                                ? i
                                : i + 1;
                    }
                }
                throw new IllegalArgumentException(
                        "Sequence number "
                                + position.sequenceNumber()
                                + " is not in shard "
                                + shardId);
        }
    }

    private String append(FakeShard shard, String partitionKey, String data) {
        String sequenceNumber = String.format("%056d", nextSequenceNumber++);
        shard.records.add(
                new KinesisRecord(
                        partitionKey,
                        sequenceNumber,
                        Instant.now(clock),
                        data.getBytes(StandardCharsets.UTF_8)));
        return sequenceNumber;
    }

    private String addShard(
            String stream, String parent, String adjacentParent, BigInteger start, BigInteger end) {
        int number = nextShardNumber.merge(stream, 1, Integer::sum) - 1;
        String shardId = String.format("shardId-%012d", number);
        shards(stream).put(shardId, new FakeShard(shardId, parent, adjacentParent, start, end));
        return shardId;
    }

    private Map<String, FakeShard> shards(String stream) {
        Map<String, FakeShard> shards = streams.get(stream);
        if (shards == null) {
            throw new StreamNotFoundException(
                    "Kinesis stream '"
                            + stream
                            + "' does not exist in account 000000000000, region us-east-1: check the"
                            + " stream name and aws.region, or create the stream.",
                    null);
        }
        return shards;
    }

    private FakeShard shard(String stream, String shardId) {
        FakeShard shard = shards(stream).get(shardId);
        if (shard == null) {
            throw new StreamNotFoundException(
                    "Shard " + shardId + " of Kinesis stream '" + stream + "' does not exist.",
                    null);
        }
        return shard;
    }

    private FakeShard openShard(String stream, String shardId) {
        FakeShard shard = shard(stream, shardId);
        if (shard.closed || shard.expired) {
            throw new IllegalArgumentException("Shard " + shardId + " is not open");
        }
        return shard;
    }

    private static String arn(String stream) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;
    }

    private static BigInteger hashKey(String partitionKey) {
        try {
            byte[] md5 =
                    MessageDigest.getInstance("MD5")
                            .digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
