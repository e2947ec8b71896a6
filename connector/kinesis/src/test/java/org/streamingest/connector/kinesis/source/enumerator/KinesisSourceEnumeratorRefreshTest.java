package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.event.RefreshCaughtUpEvent;
import org.streamingest.connector.kinesis.source.event.SplitsCaughtUpEvent;

import org.apache.flink.api.connector.source.SourceEvent;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The enumerator during a manual refresh that begins 5 s after {@link #START}. */
class KinesisSourceEnumeratorRefreshTest extends KinesisSourceEnumeratorTestBase {

    @BeforeEach
    void refreshStartsIn5Seconds() {
        config.set(
                KinesisSourceOptions.REFRESH_START_TIME,
                String.valueOf(START.plusSeconds(5).toEpochMilli()));
    }

    @Test
    void waitsForAListingThatBeganAtOrAfterTheStart() throws Throwable {
        proxy.createStream(STREAM, 2);
        start(2, null);
        registerReaders(0, 1);
        discover(); // began before the refresh start
        caughtUp(0, id(0));
        caughtUp(1, id(1));

        assertThat(sent()).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        discover();

        assertThat(sent())
                .containsExactly(
                        Map.entry(0, List.of(new RefreshCaughtUpEvent())),
                        Map.entry(1, List.of(new RefreshCaughtUpEvent())));
    }

    @Test
    void waitsUntilEveryShardCaughtUpOrFinished() throws Throwable {
        proxy.createStream(STREAM, 3);
        clock.advance(Duration.ofSeconds(5));
        start(1, null);
        registerReaders(0);
        discover();

        caughtUp(0, id(0));
        finish(0, id(1));
        assertThat(sent()).isEmpty();

        caughtUp(0, id(2));
        assertThat(sent()).containsExactly(Map.entry(0, List.of(new RefreshCaughtUpEvent())));

        caughtUp(0, id(2)); // reported once only
        assertThat(sent().get(0)).hasSize(1);
    }

    @Test
    void childOfAParentThatFinishesDuringTheRefreshMustCatchUpToo() throws Throwable {
        proxy.createStream(STREAM, 1);
        clock.advance(Duration.ofSeconds(5));
        start(1, null);
        registerReaders(0);
        discover();
        List<String> children = proxy.splitShard(STREAM, id(0));
        discover();

        finish(0, id(0));
        assertThat(assignedShards()).containsExactly(id(0), children.get(0), children.get(1));
        caughtUp(0, children.get(0));
        assertThat(sent()).isEmpty();

        caughtUp(0, children.get(1));
        assertThat(sent()).containsExactly(Map.entry(0, List.of(new RefreshCaughtUpEvent())));
    }

    @Test
    void childrenOfACaughtUpParentHoldNothingOfTheRefresh() throws Throwable {
        proxy.createStream(STREAM, 1);
        clock.advance(Duration.ofSeconds(5));
        start(1, null);
        registerReaders(0);
        discover();
        // The parent was seen at its tip, then resharded before its reader's event arrived
        proxy.splitShard(STREAM, id(0));
        discover();

        caughtUp(0, id(0));

        assertThat(assignedShards()).containsExactly(id(0));
        assertThat(sent()).containsExactly(Map.entry(0, List.of(new RefreshCaughtUpEvent())));
    }

    @Test
    void aShardReadAgainAfterAFailureMustCatchUpAgain() throws Throwable {
        proxy.createStream(STREAM, 1);
        clock.advance(Duration.ofSeconds(5));
        start(1, null);
        registerReaders(0);
        discover();
        caughtUp(0, id(0));
        assertThat(sent().get(0)).hasSize(1);

        enumerator.addSplitsBack(List.of(split(0)), 0);
        registerReaders(0);
        assertThat(sent().get(0)).hasSize(1);

        caughtUp(0, id(0));
        assertThat(sent().get(0)).hasSize(2);
    }

    @Test
    void aReaderWithoutShardsThatRegistersAfterTheSourceCaughtUpIsToldToo() throws Throwable {
        // Given a 1-shard stream read at parallelism 2: the shard's reader registers first
        proxy.createStream(STREAM, 1);
        clock.advance(Duration.ofSeconds(5));
        start(2, null);
        registerReaders(0);
        discover();
        assertThat(assignedIds()).containsExactly(Map.entry(0, List.of(id(0))));

        // When its shard caught up before the reader without shards registered
        caughtUp(0, id(0));
        assertThat(sent()).containsExactly(Map.entry(0, List.of(new RefreshCaughtUpEvent())));
        registerReaders(1);

        // Then that reader is told as it registers (its gauge is what the refresh waits for)
        assertThat(sent())
                .containsExactly(
                        Map.entry(0, List.of(new RefreshCaughtUpEvent())),
                        Map.entry(1, List.of(new RefreshCaughtUpEvent())));
    }

    @Test
    void aReaderThatRegistersAgainAfterTheSourceCaughtUpIsToldAgain() throws Throwable {
        proxy.createStream(STREAM, 1);
        clock.advance(Duration.ofSeconds(5));
        start(2, null);
        registerReaders(0, 1);
        discover();
        caughtUp(0, id(0));
        assertThat(sent().get(1)).hasSize(1);

        // The reader without shards restarts: a new reader, its gauge at 0
        registerReaders(1);

        assertThat(sent().get(1)).hasSize(2);
        assertThat(sent().get(0)).hasSize(1);
    }

    @Test
    void everyReaderIsToldOnceWhateverTheOrderOfRegistrationAndCatchingUp() throws Throwable {
        // 2 shards over 4 readers: readers 1 and 3 hold no shard and register at different times
        proxy.createStream(STREAM, 2);
        clock.advance(Duration.ofSeconds(5));
        start(4, null);
        registerReaders(3, 0);
        discover();
        caughtUp(0, id(0));
        registerReaders(2);
        assertThat(sent()).isEmpty();

        caughtUp(2, id(1));
        registerReaders(1);
        caughtUp(2, id(1));

        assertThat(sent())
                .containsOnlyKeys(0, 1, 2, 3)
                .allSatisfy(
                        (reader, events) ->
                                assertThat(events).containsExactly(new RefreshCaughtUpEvent()));
    }

    @Test
    void withoutARefreshStartCaughtUpEventsAreIgnored() throws Throwable {
        config.removeConfig(KinesisSourceOptions.REFRESH_START_TIME);
        proxy.createStream(STREAM, 1);
        clock.advance(Duration.ofSeconds(5));
        start(1, null);
        registerReaders(0);
        discover();

        caughtUp(0, id(0));

        assertThat(sent()).isEmpty();
    }

    private void caughtUp(int subtask, String... shardIds) {
        enumerator.handleSourceEvent(subtask, new SplitsCaughtUpEvent(Set.of(shardIds)));
    }

    private Map<Integer, List<SourceEvent>> sent() throws Exception {
        return context.getSentSourceEvent();
    }
}
