package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.event.SplitsFinishedEvent;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.testutils.FakeStreamProxy;
import org.streamingest.connector.kinesis.testutils.MutableClock;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.AfterEach;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Runs a {@link KinesisSourceEnumerator} against a {@link FakeStreamProxy} and a mock context. */
abstract class KinesisSourceEnumeratorTestBase {
    protected static final String STREAM = "orders";
    protected static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

    protected final FakeStreamProxy proxy = new FakeStreamProxy();
    protected final MutableClock clock = new MutableClock(START);
    protected final Configuration config = new Configuration();
    private final List<MockSplitEnumeratorContext<KinesisShardSplit>> contexts = new ArrayList<>();
    protected MockSplitEnumeratorContext<KinesisShardSplit> context;
    protected KinesisSourceEnumerator enumerator;

    @AfterEach
    void closeContexts() throws Exception {
        for (MockSplitEnumeratorContext<KinesisShardSplit> c : contexts) {
            c.close();
        }
    }

    protected void start(int parallelism, KinesisSourceEnumeratorState state) {
        context = new MockSplitEnumeratorContext<>(parallelism);
        contexts.add(context);
        enumerator =
                new KinesisSourceEnumerator(
                        context, StreamId.of(STREAM), config, proxy, state, clock);
        enumerator.start();
    }

    protected void registerReaders(int... subtasks) {
        for (int subtask : subtasks) {
            context.registerReader(new ReaderInfo(subtask, "localhost"));
            enumerator.addReader(subtask);
        }
    }

    protected void discover() throws Throwable {
        context.runPeriodicCallable(0);
    }

    protected void finish(int subtask, String... shardIds) {
        enumerator.handleSourceEvent(subtask, new SplitsFinishedEvent(Set.of(shardIds)));
    }

    protected boolean proxyShardClosed(String shardId) {
        return proxy.listShards(StreamId.of(STREAM), null).stream()
                .anyMatch(s -> s.shardId().equals(shardId) && s.closed());
    }

    protected List<KinesisShardSplit> allAssignedSplits() {
        List<KinesisShardSplit> splits = new ArrayList<>();
        for (SplitsAssignment<KinesisShardSplit> a : context.getSplitsAssignmentSequence()) {
            a.assignment().values().forEach(splits::addAll);
        }
        return splits;
    }

    protected List<String> assignedShards() {
        return allAssignedSplits().stream()
                .map(KinesisShardSplit::shardId)
                .collect(Collectors.toList());
    }

    /** Reader to every shard id it was given so far, sorted. */
    protected Map<Integer, List<String>> assignedIds() {
        Map<Integer, List<String>> result = new TreeMap<>();
        for (SplitsAssignment<KinesisShardSplit> a : context.getSplitsAssignmentSequence()) {
            a.assignment()
                    .forEach(
                            (reader, splits) ->
                                    splits.forEach(
                                            s ->
                                                    result.computeIfAbsent(
                                                                    reader, r -> new ArrayList<>())
                                                            .add(s.shardId())));
        }
        result.values().forEach(l -> l.sort(null));
        return result;
    }

    protected SplitsAssignment<KinesisShardSplit> lastAssignment() {
        List<SplitsAssignment<KinesisShardSplit>> all = context.getSplitsAssignmentSequence();
        return all.get(all.size() - 1);
    }

    protected KinesisShardSplit split(int n) {
        return allAssignedSplits().stream()
                .filter(s -> s.shardId().equals(id(n)))
                .findFirst()
                .orElseThrow();
    }

    protected static KinesisSourceEnumeratorState roundTrip(KinesisSourceEnumeratorState state)
            throws Exception {
        KinesisSourceEnumeratorStateSerializer serializer =
                new KinesisSourceEnumeratorStateSerializer();
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
    }

    protected static String id(int n) {
        return String.format("shardId-%012d", n);
    }

    protected static List<String> ids(int... numbers) {
        List<String> ids = new ArrayList<>();
        for (int n : numbers) {
            ids.add(id(n));
        }
        return ids;
    }
}
