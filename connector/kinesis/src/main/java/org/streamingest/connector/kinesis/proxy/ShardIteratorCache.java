package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.source.split.StartingPosition;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shard iterator each shard's last GetRecords returned, remembered together with the position
 * it continues. A cached iterator is reused only when the caller asks for exactly that position;
 * any other position (a restore, a seek, a reader that re-reads) gets a fresh GetShardIterator.
 *
 * <p>The position an iterator continues is {@code AFTER_SEQUENCE_NUMBER(last record)} after a
 * non-empty batch, and the requested position itself after an empty one: the same rule the reader
 * uses to advance its checkpointed position, so a caught-up reader keeps hitting the cache.
 */
final class ShardIteratorCache {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The cached iterator of {@code shardKey} if it continues {@code requested}, else null. */
    String iteratorContinuing(String shardKey, StartingPosition requested) {
        Entry entry = entries.get(shardKey);
        return entry != null && entry.position.equals(requested) ? entry.iterator : null;
    }

    /**
     * Records where the shard continues after a batch; a null {@code nextIterator} (shard ended)
     * forgets the shard.
     */
    void advance(String shardKey, String nextIterator, StartingPosition nextPosition) {
        if (nextIterator == null) {
            entries.remove(shardKey);
        } else {
            entries.put(shardKey, new Entry(nextIterator, nextPosition));
        }
    }

    void invalidate(String shardKey) {
        entries.remove(shardKey);
    }

    int size() {
        return entries.size();
    }

    /** The position reading continues from after {@code records} were read from {@code read}. */
    static StartingPosition positionAfter(StartingPosition read, List<KinesisRecord> records) {
        if (records.isEmpty()) {
            return read;
        }
        return StartingPosition.afterSequenceNumber(
                records.get(records.size() - 1).sequenceNumber());
    }

    /** Cache key of a shard: shard ids repeat across streams. */
    static String key(StreamId stream, String shardId) {
        return stream + "/" + shardId;
    }

    private static final class Entry {
        final String iterator;
        final StartingPosition position;

        Entry(String iterator, StartingPosition position) {
            this.iterator = Objects.requireNonNull(iterator);
            this.position = Objects.requireNonNull(position);
        }
    }
}
