package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions.EfoLifecycle;
import org.streamingest.connector.kinesis.source.reader.fanout.EfoConsumerRegistrar;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;
import org.streamingest.connector.kinesis.testutils.FakeFanOutProxy;
import org.streamingest.connector.kinesis.testutils.FakeStreamProxy;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EfoConsumerEnumeratorTest {
    private static final StreamId STREAM = StreamId.of("orders");

    private final FakeStreamProxy streams = new FakeStreamProxy().createStream("orders", 2);
    private final FakeFanOutProxy fanOut = new FakeFanOutProxy(System::nanoTime);
    private final Configuration config = new Configuration();

    private EfoConsumerEnumerator enumerator(MockSplitEnumeratorContext<KinesisShardSplit> ctx) {
        config.set(KinesisSourceOptions.READER_TYPE, KinesisSourceOptions.ReaderType.EFO);
        config.set(KinesisSourceOptions.EFO_CONSUMER_NAME, "flink-orders");
        return new EfoConsumerEnumerator(
                new KinesisSourceEnumerator(ctx, STREAM, config, streams, null),
                new EfoConsumerRegistrar(fanOut, STREAM, config),
                fanOut);
    }

    @Test
    void jobManagedConsumerIsRegisteredBeforeShardsAndDeregisteredAtClose() throws Throwable {
        try (MockSplitEnumeratorContext<KinesisShardSplit> ctx =
                new MockSplitEnumeratorContext<>(1)) {
            EfoConsumerEnumerator enumerator = enumerator(ctx);

            enumerator.start();
            assertThat(fanOut.hasConsumer(STREAM, "flink-orders")).isTrue();
            ctx.registerReader(new ReaderInfo(0, "localhost"));
            enumerator.addReader(0);
            ctx.runPeriodicCallable(0);
            assertThat(ctx.getSplitsAssignmentSequence()).isNotEmpty();

            enumerator.close();
            assertThat(fanOut.hasConsumer(STREAM, "flink-orders")).isFalse();
            assertThat(fanOut.isClosed()).isTrue();
            assertThat(streams.isClosed()).isTrue();
        }
    }

    @Test
    void selfManagedConsumerMustExistAndIsLeftInPlace() throws Exception {
        config.set(KinesisSourceOptions.EFO_LIFECYCLE, EfoLifecycle.SELF_MANAGED);
        try (MockSplitEnumeratorContext<KinesisShardSplit> ctx =
                new MockSplitEnumeratorContext<>(1)) {
            assertThatThrownBy(() -> enumerator(ctx).start())
                    .hasMessageContaining("flink-orders")
                    .hasMessageContaining("JOB_MANAGED");

            fanOut.addConsumer(STREAM, "flink-orders");
            EfoConsumerEnumerator enumerator = enumerator(ctx);
            enumerator.start();
            enumerator.close();
            assertThat(fanOut.hasConsumer(STREAM, "flink-orders")).isTrue();
            assertThat(fanOut.registerCalls.get()).isZero();
        }
    }
}
