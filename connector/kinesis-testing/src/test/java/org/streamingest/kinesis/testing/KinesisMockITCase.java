package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** kinesis-mock through the mix-in interface: streams, records and every resharding helper. */
@Timeout(120)
class KinesisMockITCase implements KinesisMockTest {

    @Test
    void putsAndReadsBackRecordsExactly() {
        // Given a fresh 2-shard stream
        TestStream stream = kinesisMock().streams().create("roundtrip", 2);
        assertThat(stream.openShardIds()).hasSize(2);

        // When 1200 records go in (three PutRecords batches)
        List<String> payloads = IntStream.range(0, 1200).mapToObj(i -> "record-" + i).toList();
        List<TestRecord> put = stream.putStrings(payloads);

        // Then put returns them in input order, and reading returns exactly them per shard
        assertThat(put).extracting(TestRecord::dataAsString).containsExactlyElementsOf(payloads);
        assertThat(put)
                .extracting(TestRecord::shardId)
                .containsOnlyElementsOf(stream.openShardIds());
        List<TestRecord> read = stream.readAll();
        assertThat(read).containsExactlyInAnyOrderElementsOf(put);
        for (String shardId : stream.openShardIds()) {
            assertThat(stream.readShard(shardId))
                    .containsExactlyElementsOf(
                            put.stream().filter(r -> r.shardId().equals(shardId)).toList());
        }
        assertThat(stream.arn()).endsWith(":stream/" + stream.name());
    }

    @Test
    void splitsAndMergesShards() {
        TestStream stream = kinesisMock().streams().create("reshard", 2);
        TestRecord before = stream.putStrings("before").get(0);

        List<String> children = stream.split("shardId-000000000000");

        assertThat(children).containsExactly("shardId-000000000002", "shardId-000000000003");
        assertThat(stream.openShardIds())
                .containsExactly(
                        "shardId-000000000001", "shardId-000000000002", "shardId-000000000003");
        Shard first = shard(stream, "shardId-000000000002");
        assertThat(first.parentShardId()).isEqualTo("shardId-000000000000");

        String merged = stream.merge("shardId-000000000002", "shardId-000000000003");

        assertThat(merged).isEqualTo("shardId-000000000004");
        assertThat(shard(stream, merged).parentShardId()).isEqualTo("shardId-000000000002");
        assertThat(shard(stream, merged).adjacentParentShardId()).isEqualTo("shardId-000000000003");
        assertThat(stream.openShardIds()).containsExactly("shardId-000000000001", merged);
        // Records in closed parents stay readable.
        assertThat(stream.readAll()).contains(before);
    }

    @Test
    void updatesTheShardCount() {
        TestStream stream = kinesisMock().streams().create("scale", 2);

        List<String> open = stream.updateShardCount(4);

        assertThat(open).hasSize(4).doesNotContain("shardId-000000000000", "shardId-000000000001");
        assertThat(stream.openShardIds()).isEqualTo(open);
        assertThat(stream.shards()).hasSize(6);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        KinesisServer server = kinesisMock().server();

        assertThat(server.ports()).hasSize(2);
        for (int port : server.ports()) {
            assertThat(ListeningSockets.listeningAddresses(port))
                    .containsExactly(ListeningSockets.LOOPBACK_V4);
        }
    }

    private static Shard shard(TestStream stream, String shardId) {
        return stream.shards().stream()
                .filter(s -> s.shardId().equals(shardId))
                .findFirst()
                .orElseThrow();
    }
}
