package org.streamingest.connector.kinesis.source.reader.fanout;

import org.streamingest.connector.kinesis.proxy.KinesisAccessDeniedException;
import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions.EfoLifecycle;
import org.streamingest.connector.kinesis.testutils.FakeFanOutProxy;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EfoConsumerRegistrarTest {

    private static final StreamId STREAM = StreamId.of("orders");
    private static final String ARN =
            "arn:aws:kinesis:us-east-1:000000000000:stream/orders/consumer/ingest:1";

    private final FakeFanOutProxy proxy = new FakeFanOutProxy(System::nanoTime);
    private final List<Duration> sleeps = new ArrayList<>();

    @Test
    void jobManagedRegistersAtStartAndDeregistersAtClose() {
        EfoConsumerRegistrar registrar = registrar(EfoLifecycle.JOB_MANAGED);

        assertThat(registrar.registerOrVerify()).isEqualTo(ARN);
        assertThat(proxy.hasConsumer(STREAM, "ingest")).isTrue();
        assertThat(registrar.resolveConsumerArn()).isEqualTo(ARN);

        registrar.deregisterIfJobManaged();
        assertThat(proxy.hasConsumer(STREAM, "ingest")).isFalse();
        assertThat(proxy.deregisterCalls.get()).isEqualTo(1);
    }

    @Test
    void jobManagedAdoptsAConsumerThatAlreadyExists() {
        proxy.addConsumer(STREAM, "ingest");

        assertThat(registrar(EfoLifecycle.JOB_MANAGED).registerOrVerify()).isEqualTo(ARN);
        assertThat(proxy.registerCalls.get()).isEqualTo(1);
    }

    @Test
    void selfManagedOnlyDescribesAndNeverDeregisters() {
        proxy.addConsumer(STREAM, "ingest");
        EfoConsumerRegistrar registrar = registrar(EfoLifecycle.SELF_MANAGED);

        assertThat(registrar.registerOrVerify()).isEqualTo(ARN);
        registrar.deregisterIfJobManaged();

        assertThat(proxy.registerCalls.get()).isZero();
        assertThat(proxy.deregisterCalls.get()).isZero();
        assertThat(proxy.hasConsumer(STREAM, "ingest")).isTrue();
    }

    @Test
    void selfManagedFailsFastWhenTheConsumerIsMissing() {
        assertThatThrownBy(() -> registrar(EfoLifecycle.SELF_MANAGED).registerOrVerify())
                .isInstanceOf(KinesisConnectorException.class)
                .hasMessage(
                        "EFO consumer 'ingest' is not registered on stream 'orders'; register it"
                                + " or set scan.efo.lifecycle=JOB_MANAGED")
                .hasCauseInstanceOf(StreamNotFoundException.class);
        assertThat(proxy.describeCalls.get()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void readersWaitPatientlyForAConsumerThatIsStillBeingCreated() {
        proxy.addConsumer(STREAM, "ingest");
        proxy.answerNotFoundFor(4);

        assertThat(registrar(EfoLifecycle.JOB_MANAGED).resolveConsumerArn()).isEqualTo(ARN);

        assertThat(proxy.describeCalls.get()).isEqualTo(5);
        // Half-jitter exponential from 1 s (jitter fixed at 0.5): 3/4 of 1, 2, 4, 8 s.
        assertThat(sleeps)
                .containsExactly(
                        Duration.ofMillis(750),
                        Duration.ofMillis(1_500),
                        Duration.ofMillis(3_000),
                        Duration.ofMillis(6_000));
    }

    @Test
    void readersGiveUpAfterBoundedAttemptsWithAClearMessage() {
        assertThatThrownBy(() -> registrar(EfoLifecycle.SELF_MANAGED).resolveConsumerArn())
                .isInstanceOf(KinesisConnectorException.class)
                .hasMessageContaining("EFO consumer 'ingest' of stream 'orders' was not found")
                .hasMessageContaining("after 30 attempts")
                .hasMessageContaining("register it before starting the job");
        assertThat(proxy.describeCalls.get()).isEqualTo(30);
        assertThat(sleeps).hasSize(29);
        assertThat(sleeps.get(28)).isEqualTo(Duration.ofMillis(7_500)); // capped at 10 s
    }

    @Test
    void readersDoNotRetryAMissingPermission() {
        proxy.failConsumerCallsWith(
                new KinesisAccessDeniedException("no kinesis:DescribeStreamConsumer", null));

        assertThatThrownBy(() -> registrar(EfoLifecycle.JOB_MANAGED).resolveConsumerArn())
                .isInstanceOf(KinesisAccessDeniedException.class);
        assertThat(proxy.describeCalls.get()).isEqualTo(1);
    }

    @Test
    void failedDeregistrationIsLoggedNotThrown() {
        EfoConsumerRegistrar registrar = registrar(EfoLifecycle.JOB_MANAGED);
        registrar.registerOrVerify();
        proxy.failConsumerCallsWith(new IllegalStateException("endpoint gone"));

        registrar.deregisterIfJobManaged();

        assertThat(proxy.deregisterCalls.get()).isEqualTo(1);
    }

    @Test
    void consumerNameIsRequiredAndChecked() {
        Configuration missing = new Configuration();
        assertThatThrownBy(() -> new EfoConsumerRegistrar(proxy, STREAM, missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scan.efo.consumer-name' is required")
                .hasMessageContaining("'scan.reader.type' is EFO");

        Configuration invalid = new Configuration();
        invalid.set(KinesisSourceOptions.EFO_CONSUMER_NAME, "my consumer");
        assertThatThrownBy(() -> new EfoConsumerRegistrar(proxy, STREAM, invalid))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'my consumer' is not a valid EFO consumer name");
    }

    private EfoConsumerRegistrar registrar(EfoLifecycle lifecycle) {
        Configuration config = new Configuration();
        config.set(KinesisSourceOptions.EFO_CONSUMER_NAME, "ingest");
        config.set(KinesisSourceOptions.EFO_LIFECYCLE, lifecycle);
        return new EfoConsumerRegistrar(proxy, STREAM, config, sleeps::add, () -> 0.5);
    }
}
