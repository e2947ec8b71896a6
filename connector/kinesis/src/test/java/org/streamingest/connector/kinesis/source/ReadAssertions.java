package org.streamingest.connector.kinesis.source;

import org.streamingest.kinesis.testing.TestRecord;

import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact, row-by-row comparisons of what a job read with what was put into the stream. */
final class ReadAssertions {

    private static final Comparator<TestRecord> SHARD_ORDER =
            Comparator.comparing(TestRecord::shardId)
                    .thenComparing(r -> new BigInteger(r.sequenceNumber()));

    private ReadAssertions() {}

    /**
     * Every record put was read exactly once, with its shard, sequence number, partition key and
     * data, and nothing else was read.
     */
    static void assertExactlyOnce(List<ReadRecord> read, Collection<TestRecord> put) {
        List<TestRecord> actual = read.stream().map(ReadRecord::toTestRecord).toList();
        Map<TestRecord, Long> counts =
                actual.stream()
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Set<TestRecord> expected = new HashSet<>(put);
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
                .as("records read more than once")
                .isEmpty();
        assertThat(put.stream().filter(r -> !counts.containsKey(r)))
                .as("records put but never read (of %d put, %d read)", put.size(), read.size())
                .isEmpty();
        assertThat(actual.stream().filter(r -> !expected.contains(r)))
                .as("records read but never put")
                .isEmpty();
        assertThat(sortedByShard(actual)).containsExactlyElementsOf(sortedByShard(put));
    }

    /**
     * For every partition key, the records in {@code readInOrder} appear in the order they were
     * put.
     */
    static void assertPerKeyOrder(List<ReadRecord> readInOrder, List<TestRecord> putInOrder) {
        Map<String, List<String>> actual = new LinkedHashMap<>();
        readInOrder.forEach(
                r -> actual.computeIfAbsent(r.partitionKey, k -> new ArrayList<>()).add(r.data));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        putInOrder.forEach(
                r ->
                        expected.computeIfAbsent(r.partitionKey(), k -> new ArrayList<>())
                                .add(r.dataAsString()));
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach(
                (key, data) ->
                        assertThat(actual.get(key))
                                .as("data of partition key %s in read order", key)
                                .containsExactlyElementsOf(data));
    }

    /**
     * For every partition key, each shard its records came from (in read order) descends from the
     * shard of the records before: no child shard's record was read before the last record of one
     * of its ancestors.
     */
    static void assertParentsBeforeChildren(List<ReadRecord> readInOrder, List<Shard> shards) {
        Map<String, Set<String>> ancestors = ancestors(shards);
        Map<String, List<String>> shardsByKey = new LinkedHashMap<>();
        for (ReadRecord r : readInOrder) {
            List<String> seen = shardsByKey.computeIfAbsent(r.partitionKey, k -> new ArrayList<>());
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(r.shardId)) {
                seen.add(r.shardId);
            }
        }
        shardsByKey.forEach(
                (key, sequence) -> {
                    for (int i = 1; i < sequence.size(); i++) {
                        assertThat(ancestors.getOrDefault(sequence.get(i), Set.of()))
                                .as(
                                        "key %s was read from shards %s: %s must descend from %s",
                                        key, sequence, sequence.get(i), sequence.get(i - 1))
                                .contains(sequence.get(i - 1));
                    }
                });
    }

    /** Shard id -> every shard it descends from (parents and adjacent parents, transitively). */
    private static Map<String, Set<String>> ancestors(List<Shard> shards) {
        Map<String, List<String>> parents = new HashMap<>();
        for (Shard shard : shards) {
            List<String> direct = new ArrayList<>();
            if (shard.parentShardId() != null) {
                direct.add(shard.parentShardId());
            }
            if (shard.adjacentParentShardId() != null) {
                direct.add(shard.adjacentParentShardId());
            }
            parents.put(shard.shardId(), direct);
        }
        Map<String, Set<String>> ancestors = new HashMap<>();
        for (String shardId : parents.keySet()) {
            Set<String> all = new HashSet<>();
            List<String> todo = new ArrayList<>(parents.get(shardId));
            while (!todo.isEmpty()) {
                String parent = todo.remove(todo.size() - 1);
                if (all.add(parent)) {
                    todo.addAll(parents.getOrDefault(parent, List.of()));
                }
            }
            ancestors.put(shardId, all);
        }
        return ancestors;
    }

    /** The records sorted as the source emitted them (see {@link ReadRecord#BY_EMISSION}). */
    static List<ReadRecord> inEmissionOrder(List<ReadRecord> read) {
        List<ReadRecord> sorted = new ArrayList<>(read);
        sorted.sort(ReadRecord.BY_EMISSION);
        return sorted;
    }

    private static List<TestRecord> sortedByShard(Collection<TestRecord> records) {
        List<TestRecord> sorted = new ArrayList<>(records);
        sorted.sort(SHARD_ORDER);
        return sorted;
    }
}
