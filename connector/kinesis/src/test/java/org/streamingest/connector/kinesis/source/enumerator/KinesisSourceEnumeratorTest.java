package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions.InitialPosition;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery, assignment and parent-before-child order. */
class KinesisSourceEnumeratorTest extends KinesisSourceEnumeratorTestBase {

    @Test
    void initialDiscoveryAssignsEveryShardFromTrimHorizonByHashRange() throws Throwable {
        // Given a 4-shard stream, one closed by a split, and two registered readers
        proxy.createStream(STREAM, 4);
        start(2, null);
        registerReaders(0, 1);

        // When the first discovery runs
        discover();

        // Then every open shard and the closed parent go to the reader of their key range
        assertThat(assignedIds()).isEqualTo(Map.of(0, ids(0, 1), 1, ids(2, 3)));
        assertThat(allAssignedSplits())
                .allMatch(s -> s.startingPosition().equals(StartingPosition.fromStart()));
    }

    @Test
    void closedShardsOfTheFirstListingAreReadBeforeTheirChildren() throws Throwable {
        proxy.createStream(STREAM, 2);
        proxy.splitShard(STREAM, id(0));
        start(2, null);
        registerReaders(0, 1);

        discover();

        assertThat(assignedIds()).isEqualTo(Map.of(0, ids(0), 1, ids(1)));
        // Both children cover reader 0's half of the key space, like their parent
        finish(0, id(0));
        assertThat(assignedIds()).isEqualTo(Map.of(0, ids(0, 2, 3), 1, ids(1)));
    }

    @Test
    void assignsOnlyToRegisteredReaders() throws Throwable {
        proxy.createStream(STREAM, 4);
        start(2, null);

        discover();
        assertThat(assignedIds()).isEmpty();

        registerReaders(1);
        assertThat(assignedIds()).isEqualTo(Map.of(1, ids(2, 3)));

        registerReaders(0);
        assertThat(assignedIds()).isEqualTo(Map.of(0, ids(0, 1), 1, ids(2, 3)));
    }

    @Test
    void childrenOfASplitStartAtTrimHorizonOnlyAfterTheParentFinished() throws Throwable {
        // Given shard 0 being read when it is split
        proxy.createStream(STREAM, 2);
        config.set(KinesisSourceOptions.INITIAL_POSITION, InitialPosition.LATEST);
        start(2, null);
        registerReaders(0, 1);
        discover();
        List<String> children = proxy.splitShard(STREAM, id(0));

        // When discovery finds the children, they wait for their parent
        discover();
        assertThat(assignedIds()).isEqualTo(Map.of(0, ids(0), 1, ids(1)));

        // Then the parent's finished event assigns them at once, from TRIM_HORIZON
        finish(0, id(0));
        assertThat(assignedIds()).isEqualTo(Map.of(0, ids(0, 2, 3), 1, ids(1)));
        assertThat(allAssignedSplits())
                .filteredOn(s -> children.contains(s.shardId()))
                .allMatch(s -> s.startingPosition().equals(StartingPosition.fromStart()));
    }

    @Test
    void mergedChildWaitsForBothParents() throws Throwable {
        proxy.createStream(STREAM, 4);
        start(2, null);
        registerReaders(0, 1);
        discover();
        String child = proxy.mergeShards(STREAM, id(1), id(2));
        discover();

        finish(0, id(1));
        assertThat(assignedShards()).doesNotContain(child);

        finish(1, id(2));
        assertThat(assignedShards()).contains(child);
    }

    @Test
    void parentsFinishBeforeChildrenStartAcrossUpdateShardCount() throws Throwable {
        // Given a stream scaled 4 -> 8 -> 4 while the source reads it
        proxy.createStream(STREAM, 4);
        start(2, null);
        registerReaders(0, 1);
        discover();
        proxy.updateShardCount(STREAM, 8);
        discover();
        proxy.updateShardCount(STREAM, 4);
        discover();

        // When readers finish whatever they hold, one shard at a time, until nothing is left
        Set<String> finished = new HashSet<>();
        List<String> order = new ArrayList<>();
        int checked = 0;
        while (true) {
            List<KinesisShardSplit> assigned = allAssignedSplits();
            // Then every newly assigned split's parents had finished before it was assigned
            for (KinesisShardSplit split : assigned.subList(checked, assigned.size())) {
                assertThat(finished).containsAll(split.parentShardIds());
            }
            checked = assigned.size();
            KinesisShardSplit next =
                    assigned.stream()
                            .filter(s -> !finished.contains(s.shardId()))
                            .filter(s -> proxyShardClosed(s.shardId()))
                            .findFirst()
                            .orElse(null);
            if (next == null) {
                break;
            }
            finished.add(next.shardId());
            order.add(next.shardId());
            finish(0, next.shardId());
        }

        // And all 16 shards were assigned exactly once; the 4 open ones remain being read
        assertThat(assignedShards()).hasSize(16).doesNotHaveDuplicates();
        assertThat(order).hasSize(12);
        assertThat(assignedIds().get(0)).contains(id(12), id(13));
        assertThat(assignedIds().get(1)).contains(id(14), id(15));
    }

    @Test
    void finishedShardsAreNotReadAgainWhenListShardsIgnoresItsFilter() throws Throwable {
        // Given kinesalite's ListShards, which returns every shard whatever the start id
        proxy.createStream(STREAM, 2).ignoreListShardsFilter(true);
        start(2, null);
        registerReaders(0, 1);
        discover();
        proxy.splitShard(STREAM, id(0));
        discover();
        finish(0, id(0));
        finish(0, id(2));

        // When discovery runs again, with a start id the server ignores
        discover();
        discover();

        // Then no shard is assigned twice
        assertThat(proxy.listShardsRequests()).containsExactly("", id(1), id(3), id(3));
        assertThat(assignedShards()).containsExactlyInAnyOrder(id(0), id(1), id(2), id(3));
        assertThat(enumerator.snapshotState(1).finishedShardIds())
                .containsExactlyInAnyOrder(id(0), id(2));
    }

    @Test
    void completeListingForgetsFinishedShardsThatExpired() throws Throwable {
        proxy.createStream(STREAM, 2);
        start(2, null);
        registerReaders(0, 1);
        discover();
        proxy.splitShard(STREAM, id(0));
        discover();
        finish(0, id(0));
        proxy.expireShard(STREAM, id(0));

        discover();
        assertThat(enumerator.snapshotState(1).finishedShardIds()).containsExactly(id(0));

        clock.advance(KinesisSourceEnumerator.COMPLETE_LISTING_INTERVAL);
        discover();
        discover();

        // The listing after the interval has passed is complete, and prunes
        assertThat(proxy.listShardsRequests()).containsExactly("", id(1), id(3), id(3), "");
        assertThat(enumerator.snapshotState(2).finishedShardIds()).isEmpty();
        assertThat(assignedShards()).containsExactlyInAnyOrder(id(0), id(1), id(2), id(3));
    }

    @Test
    void assignmentIsBalancedAndFollowsTheKeySpaceAfterResharding() throws Throwable {
        // Given 8 shards and 4 readers
        proxy.createStream(STREAM, 8);
        start(4, null);
        registerReaders(0, 1, 2, 3);
        discover();
        assertThat(assignedIds())
                .isEqualTo(Map.of(0, ids(0, 1), 1, ids(2, 3), 2, ids(4, 5), 3, ids(6, 7)));

        // When the stream is halved and every parent finishes
        proxy.updateShardCount(STREAM, 4);
        discover();
        for (int i = 0; i < 8; i++) {
            finish(i / 2, id(i));
        }

        // Then each reader gets the child that covers its part of the key space
        assertThat(assignedIds())
                .isEqualTo(
                        Map.of(
                                0, ids(0, 1, 8),
                                1, ids(2, 3, 9),
                                2, ids(4, 5, 10),
                                3, ids(6, 7, 11)));
    }

    @Test
    void readerSelectionSpreadsUnevenParallelism() {
        proxy.createStream(STREAM, 6);
        List<Integer> readers =
                proxy.listShards(StreamId.of(STREAM), null).stream()
                        .map(
                                s ->
                                        ReaderSelector.readerFor(
                                                new KinesisShardSplit(
                                                        StreamId.of(STREAM),
                                                        s.shardId(),
                                                        StartingPosition.fromStart(),
                                                        List.of(),
                                                        s.startingHashKey(),
                                                        s.endingHashKey(),
                                                        false),
                                                3))
                        .collect(Collectors.toList());

        assertThat(readers).containsExactly(0, 0, 1, 1, 2, 2);
    }
}
