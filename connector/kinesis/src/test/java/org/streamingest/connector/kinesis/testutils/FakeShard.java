package org.streamingest.connector.kinesis.testutils;

import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.ShardInfo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** One in-memory shard of a {@link FakeStreamProxy} stream: lineage, hash range and records. */
final class FakeShard {
    final String shardId;
    final String parentShardId;
    final String adjacentParentShardId;
    final BigInteger startingHashKey;
    final BigInteger endingHashKey;
    final List<KinesisRecord> records = new ArrayList<>();
    boolean closed;
    boolean expired;

    FakeShard(
            String shardId,
            String parentShardId,
            String adjacentParentShardId,
            BigInteger startingHashKey,
            BigInteger endingHashKey) {
        this.shardId = shardId;
        this.parentShardId = parentShardId;
        this.adjacentParentShardId = adjacentParentShardId;
        this.startingHashKey = startingHashKey;
        this.endingHashKey = endingHashKey;
    }

    boolean covers(BigInteger hashKey) {
        return startingHashKey.compareTo(hashKey) <= 0 && endingHashKey.compareTo(hashKey) >= 0;
    }

    BigInteger midpoint() {
        return startingHashKey.add(endingHashKey).shiftRight(1);
    }

    ShardInfo info() {
        return new ShardInfo(
                shardId,
                parentShardId,
                adjacentParentShardId,
                startingHashKey,
                endingHashKey,
                closed);
    }
}
