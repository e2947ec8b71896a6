package org.streamingest.connector.kinesis.proxy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** What the connector needs to know about one shard: identity, lineage, hash range, state. */
public final class ShardInfo {
    private final String shardId;
    private final String parentShardId;
    private final String adjacentParentShardId;
    private final BigInteger startingHashKey;
    private final BigInteger endingHashKey;
    private final boolean closed;

    public ShardInfo(
            String shardId,
            String parentShardId,
            String adjacentParentShardId,
            BigInteger startingHashKey,
            BigInteger endingHashKey,
            boolean closed) {
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.parentShardId = parentShardId;
        this.adjacentParentShardId = adjacentParentShardId;
        this.startingHashKey = Objects.requireNonNull(startingHashKey, "startingHashKey");
        this.endingHashKey = Objects.requireNonNull(endingHashKey, "endingHashKey");
        this.closed = closed;
    }

    public String shardId() {
        return shardId;
    }

    /** Parent and adjacent parent, whichever are set (0, 1 or 2 ids). */
    public List<String> parentShardIds() {
        List<String> parents = new ArrayList<>(2);
        if (parentShardId != null) {
            parents.add(parentShardId);
        }
        if (adjacentParentShardId != null) {
            parents.add(adjacentParentShardId);
        }
        return Collections.unmodifiableList(parents);
    }

    public BigInteger startingHashKey() {
        return startingHashKey;
    }

    public BigInteger endingHashKey() {
        return endingHashKey;
    }

    /** True when the shard has an ending sequence number: it receives no more records. */
    public boolean closed() {
        return closed;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ShardInfo)) {
            return false;
        }
        ShardInfo s = (ShardInfo) o;
        return shardId.equals(s.shardId)
                && Objects.equals(parentShardId, s.parentShardId)
                && Objects.equals(adjacentParentShardId, s.adjacentParentShardId)
                && startingHashKey.equals(s.startingHashKey)
                && endingHashKey.equals(s.endingHashKey)
                && closed == s.closed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardId, parentShardId, adjacentParentShardId, closed);
    }

    @Override
    public String toString() {
        return shardId
                + (parentShardIds().isEmpty() ? "" : "(parents=" + parentShardIds() + ")")
                + (closed ? "[closed]" : "[open]");
    }
}
