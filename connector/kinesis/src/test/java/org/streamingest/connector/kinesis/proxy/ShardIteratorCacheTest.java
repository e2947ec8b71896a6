package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShardIteratorCacheTest {
    private static final String KEY = ShardIteratorCache.key(StreamId.of("orders"), "shard-1");
    private final ShardIteratorCache cache = new ShardIteratorCache();

    private static KinesisRecord record(String seq) {
        return new KinesisRecord("pk", seq, Instant.EPOCH, new byte[0]);
    }

    @Test
    void nothingIsCachedAtFirst() {
        assertThat(cache.iteratorContinuing(KEY, StartingPosition.fromStart())).isNull();
    }

    @Test
    void anIteratorIsReusedOnlyForThePositionItContinues() {
        cache.advance(KEY, "it-2", StartingPosition.afterSequenceNumber("7"));
        assertThat(cache.iteratorContinuing(KEY, StartingPosition.afterSequenceNumber("7")))
                .isEqualTo("it-2");
        assertThat(cache.iteratorContinuing(KEY, StartingPosition.afterSequenceNumber("6")))
                .isNull();
        assertThat(cache.iteratorContinuing(KEY, StartingPosition.atSequenceNumber("7"))).isNull();
        assertThat(cache.iteratorContinuing(KEY, StartingPosition.fromStart())).isNull();
    }

    @Test
    void shardsOfDifferentStreamsDoNotShareIterators() {
        cache.advance(KEY, "it", StartingPosition.fromStart());
        String other = ShardIteratorCache.key(StreamId.of("payments"), "shard-1");
        assertThat(cache.iteratorContinuing(other, StartingPosition.fromStart())).isNull();
    }

    @Test
    void theEndOfAShardOrAnInvalidationForgetsIt() {
        cache.advance(KEY, "it", StartingPosition.fromStart());
        cache.advance(KEY, null, StartingPosition.afterSequenceNumber("9"));
        assertThat(cache.size()).isZero();
        cache.advance(KEY, "it", StartingPosition.fromStart());
        cache.invalidate(KEY);
        assertThat(cache.iteratorContinuing(KEY, StartingPosition.fromStart())).isNull();
    }

    @Test
    void positionAfterABatchIsAfterItsLastRecordOrUnchangedWhenEmpty() {
        StartingPosition latest = StartingPosition.latest();
        assertThat(ShardIteratorCache.positionAfter(latest, List.of())).isEqualTo(latest);
        assertThat(ShardIteratorCache.positionAfter(latest, List.of(record("1"), record("5"))))
                .isEqualTo(StartingPosition.afterSequenceNumber("5"));
    }
}
