package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** kinesalite through {@code @RegisterExtension}: JSON wire format, name addressing. */
@Timeout(120)
class KinesaliteITCase {

    @RegisterExtension static final KinesaliteExtension KINESALITE = new KinesaliteExtension();

    @Test
    void switchesTheSdkToJson() {
        assertThat(System.getProperty(KinesisClients.CBOR_ENABLED_PROPERTY)).isEqualTo("false");
        assertThat(KINESALITE.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(KINESALITE.region().id()).isEqualTo("us-east-1");
    }

    @Test
    void putsAndReadsBackRecordsExactly() {
        TestStream stream = KINESALITE.streams().create("roundtrip", 3);
        List<RecordEntry> entries =
                IntStream.range(0, 1100)
                        .mapToObj(i -> RecordEntry.utf8("key-" + (i % 7), "{\"n\":" + i + "}"))
                        .toList();

        List<TestRecord> put = stream.put(entries);

        assertThat(put)
                .extracting(TestRecord::partitionKey)
                .containsExactlyElementsOf(
                        entries.stream().map(RecordEntry::partitionKey).toList());
        assertThat(stream.readAll()).containsExactlyInAnyOrderElementsOf(put);
        assertThat(KINESALITE.client().listStreams().streamNames()).contains(stream.name());
    }

    @Test
    void splitsAndMergesButCannotUpdateShardCount() {
        TestStream stream = KINESALITE.streams().create("reshard", 1);

        List<String> children = stream.split("shardId-000000000000");
        String merged = stream.merge(children.get(0), children.get(1));

        assertThat(children).containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(stream.openShardIds()).containsExactly(merged);
        assertThatThrownBy(() -> stream.updateShardCount(2))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("KinesisMockExtension");
    }

    @Test
    void deletesStreams() {
        TestStream stream = KINESALITE.streams().create("gone", 1);

        stream.delete();

        assertThat(KINESALITE.client().listStreams().streamNames()).doesNotContain(stream.name());
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        assertThat(ListeningSockets.listeningAddresses(KINESALITE.fixture().server().port()))
                .containsExactly(ListeningSockets.LOOPBACK_V4);
    }
}
