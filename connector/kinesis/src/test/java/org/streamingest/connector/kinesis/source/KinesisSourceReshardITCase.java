package org.streamingest.connector.kinesis.source;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.kinesis.testing.TestStreams;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamingest.connector.kinesis.source.ReadAssertions.assertExactlyOnce;
import static org.streamingest.connector.kinesis.source.ReadAssertions.assertParentsBeforeChildren;
import static org.streamingest.connector.kinesis.source.ReadAssertions.assertPerKeyOrder;
import static org.streamingest.connector.kinesis.source.ReadAssertions.inEmissionOrder;
import static org.streamingest.connector.kinesis.source.TestData.entries;

/**
 * Resharding while the source reads and records keep arriving: UpdateShardCount, SplitShard and
 * MergeShards, with partition keys reused across them. Nothing is lost, nothing is read twice, and
 * each key's records come in put order, parents before children.
 *
 * <p>Order is checked in the order the source emitted records (the deserializer's clock): a parent
 * and its child may be read by different subtasks, whose outputs reach a downstream operator
 * through different channels, so only the emission order is the source's to guarantee.
 */
@Timeout(240)
class KinesisSourceReshardITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = SourceTestCluster.create();
    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int KEYS = 40;
    private static final int PER_PHASE = 240;
    private static final int LAG = 200;

    @Test
    void readsEveryRecordOnceInPutOrderAcrossReshardsDuringReading() throws Exception {
        // Given a 4-shard stream being read with parallelism 2 while records keep arriving, the
        // reading held LAG records behind the writing
        TestStream stream = KINESIS.streams().create("reshard", 4);
        String gate = stream.name();
        LaggingGate.limit(gate, 0);
        try (SourceJob job =
                        SourceJob.reading(stream.name(), KINESIS.endpoint())
                                .parallelism(2)
                                .option(KinesisSourceOptions.GET_RECORDS_MAX, 20)
                                .through(new LaggingGate(gate))
                                .start();
                ContinuousPutter putter =
                        new ContinuousPutter(
                                        stream, KEYS, put -> LaggingGate.limit(gate, put - LAG))
                                .start()) {
            putter.awaitMore(PER_PHASE, TIMEOUT);

            // When the stream is resharded three ways, records arriving before, during and after
            List<String> eight = stream.updateShardCount(8);
            putter.awaitMore(PER_PHASE, TIMEOUT);
            List<Shard> byHash = openShardsByHashKey(stream);
            stream.split(byHash.get(0).shardId());
            putter.awaitMore(PER_PHASE, TIMEOUT);
            // the two middle shards: one is read by each subtask, their child by one of them
            stream.merge(byHash.get(3).shardId(), byHash.get(4).shardId());
            putter.awaitMore(PER_PHASE, TIMEOUT);
            List<TestRecord> put = putter.stop();
            LaggingGate.open(gate);
            List<ReadRecord> read = job.awaitRecords(put.size(), TIMEOUT);

            // Then every record was read once, each key in put order, parents before children
            assertThat(eight).hasSize(8);
            assertThat(put.stream().map(TestRecord::shardId).distinct().count())
                    .as("shards records were put into")
                    .isGreaterThanOrEqualTo(4 + 8 + 2 + 1);
            assertExactlyOnce(read, put);
            List<ReadRecord> emitted = inEmissionOrder(read);
            assertPerKeyOrder(emitted, put);
            assertParentsBeforeChildren(emitted, stream.shards());
        }
    }

    private static List<Shard> openShardsByHashKey(TestStream stream) {
        return stream.shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .sorted(
                        Comparator.comparing(
                                (Shard s) -> new BigInteger(s.hashKeyRange().startingHashKey())))
                .toList();
    }

    @Test
    void restoresFromACheckpointTakenAfterASplitWithoutLossOrDuplicates() throws Exception {
        // Given a 2-shard stream read by a checkpointing job
        TestStream stream = KINESIS.streams().create("split-restore", 2);
        List<TestRecord> put = new ArrayList<>(stream.put(entries("before", 200, 20)));
        String failure = TestStreams.uniqueName("split-restore");
        try (SourceJob job =
                SourceJob.reading(stream.name(), KINESIS.endpoint())
                        .parallelism(2)
                        .checkpointEvery(Duration.ofMillis(250))
                        .restarts(3)
                        .through(FailOnceMap.whenArmed(failure))
                        .start()) {
            job.awaitRecords(put.size(), TIMEOUT);

            // When both shards are split, the children are read, and then the job fails once and
            // restores a checkpoint taken after the parents finished
            for (String parent : stream.openShardIds()) {
                stream.split(parent);
            }
            put.addAll(stream.put(entries("after-split", 200, 20)));
            job.awaitRecords(put.size(), TIMEOUT);
            FailOnceMap.arm(failure);
            for (int chunk = 0; FailOnceMap.failures(failure) == 0; chunk++) {
                assertThat(chunk).as("batches put without the injected failure").isLessThan(60);
                put.addAll(stream.put(entries("during-" + chunk, 20, 20)));
            }
            put.addAll(stream.put(entries("after-restore", 200, 20)));
            List<ReadRecord> read = job.awaitRecords(put.size(), TIMEOUT);

            // Then every record was delivered once, each key in put order
            assertThat(put.stream().map(TestRecord::shardId).distinct().count()).isEqualTo(6);
            assertExactlyOnce(read, put);
            List<ReadRecord> emitted = inEmissionOrder(read);
            assertPerKeyOrder(emitted, put);
            assertParentsBeforeChildren(emitted, stream.shards());
        }
    }
}
