package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.AwsClientFactory;
import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.aws.AwsProxyFactory;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streamingest.connector.kinesis.proxy.StreamProxyContractBase.data;
import static org.streamingest.connector.kinesis.proxy.StreamProxyContractBase.values;

/**
 * Throttling, expired iterators, paging, access denied and an unreachable endpoint. kinesis-mock
 * never throttles and expires iterators only after 300 s, so a {@link FaultInjectingHttpProxy} in
 * front of it answers chosen calls with the error Kinesis would send and forwards the rest.
 */
@Timeout(120)
class KinesisStreamProxyFaultsITCase {
    private static final String SHARD_0 = "shardId-000000000000";

    /** What the default credential chain finds in this test JVM (set by the build). */
    private static final String ACCESS_KEY_ID = System.getProperty("aws.accessKeyId");

    private static final String SECRET_KEY = System.getProperty("aws.secretAccessKey");

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();
    FaultInjectingHttpProxy injector;

    @BeforeEach
    void injector() throws Exception {
        injector = new FaultInjectingHttpProxy(KINESIS.endpoint().toString());
    }

    @AfterEach
    void closeInjector() {
        injector.close();
    }

    static Configuration config(String endpoint, int attempts) {
        Configuration c = StreamProxyContractBase.config(endpoint);
        c.set(AwsOptions.RETRY_MAX_ATTEMPTS, attempts);
        return c;
    }

    @Test
    void throttledGetRecordsIsRetriedAndReturnsTheRecords() throws Exception {
        StreamId stream = StreamId.of(streamWith("throttle", 3));
        try (StreamProxy proxy =
                new AwsProxyFactory(config(injector.endpoint(), 5)).createStreamProxy()) {
            injector.failNext("GetRecords", 3, "ProvisionedThroughputExceededException");
            RecordBatch batch = proxy.getRecords(stream, SHARD_0, StartingPosition.fromStart(), 10);
            assertThat(data(batch)).containsExactly("throttle-0", "throttle-1", "throttle-2");
            assertThat(injector.calls("GetRecords")).isEqualTo(4);
        }
    }

    @Test
    void throttlingBeyondTheAttemptsFailsNamingTheOptionsToRaise() throws Exception {
        StreamId stream = StreamId.of(streamWith("limit", 1));
        try (StreamProxy proxy =
                new AwsProxyFactory(config(injector.endpoint(), 3)).createStreamProxy()) {
            injector.failNext("ListShards", 2, "LimitExceededException");
            assertThat(proxy.listShards(stream, null)).hasSize(1);
            assertThat(injector.calls("ListShards")).isEqualTo(3);

            injector.failNext("ListShards", 3, "LimitExceededException");
            assertThatThrownBy(() -> proxy.listShards(stream, null))
                    .isInstanceOf(KinesisConnectorException.class)
                    .hasMessageContaining("Kinesis throttled ListShards")
                    .hasMessageContaining("through 3 attempts")
                    .hasMessageContaining("aws.retry.max-attempts");
        }
    }

    @Test
    void expiredIteratorIsReacquiredFromTheLastPositionWithoutLossOrDuplicates() throws Exception {
        StreamId stream = StreamId.of(streamWith("expire", 6));
        try (StreamProxy proxy =
                new AwsProxyFactory(config(injector.endpoint(), 3)).createStreamProxy()) {
            StartingPosition position = StartingPosition.fromStart();
            RecordBatch first = proxy.getRecords(stream, SHARD_0, position, 2);
            position = ShardIteratorCache.positionAfter(position, first.records());
            assertThat(injector.calls("GetShardIterator")).isEqualTo(1);

            injector.failNext("GetRecords", 1, "ExpiredIteratorException");
            List<String> read = new ArrayList<>(data(first));
            for (int i = 0; i < 2; i++) {
                RecordBatch batch = proxy.getRecords(stream, SHARD_0, position, 2);
                read.addAll(data(batch));
                position = ShardIteratorCache.positionAfter(position, batch.records());
            }
            assertThat(read).containsExactlyElementsOf(values("expire", 6));
            // one fresh iterator for the expired one, the cached one otherwise
            assertThat(injector.calls("GetShardIterator")).isEqualTo(2);
        }
    }

    @Test
    void listShardsFollowsNextTokenPages() throws Exception {
        String name = KINESIS.streams().create("pages", 5).name();
        AwsClientFactory clients = new AwsClientFactory(config(injector.endpoint(), 3));
        try (StreamProxy proxy = new KinesisStreamProxy(clients, 2)) {
            assertThat(proxy.listShards(StreamId.of(name), null))
                    .extracting(ShardInfo::shardId)
                    .containsExactly(
                            "shardId-000000000000",
                            "shardId-000000000001",
                            "shardId-000000000002",
                            "shardId-000000000003",
                            "shardId-000000000004");
            assertThat(injector.calls("ListShards")).isEqualTo(3);
            assertThat(proxy.listShards(StreamId.of(name), "shardId-000000000002"))
                    .extracting(ShardInfo::shardId)
                    .containsExactly("shardId-000000000003", "shardId-000000000004");
        }
    }

    @Test
    void accessDeniedNamesActionAndRoleButNoCredentials() throws Exception {
        StreamId stream = StreamId.of(streamWith("denied", 1));
        try (StreamProxy proxy =
                new AwsProxyFactory(config(injector.endpoint(), 3)).createStreamProxy()) {
            for (String code : List.of("AccessDeniedException", "UnrecognizedClientException")) {
                injector.failNext("DescribeStreamSummary", 1, code);
                assertThatThrownBy(() -> proxy.describeStream(stream))
                        .isInstanceOf(KinesisAccessDeniedException.class)
                        .hasMessageContaining("Kinesis denied DescribeStreamSummary")
                        .hasMessageContaining(code)
                        .hasMessageContaining("kinesis:DescribeStreamSummary")
                        .hasMessageContaining("aws.iam-role='default'")
                        .satisfies(
                                e ->
                                        assertThat(e.getMessage())
                                                .doesNotContain(ACCESS_KEY_ID)
                                                .doesNotContain(SECRET_KEY));
            }
            // the calls were signed by the default chain, whose keys the message left out
            assertThat(injector.accessKeyIds()).isNotEmpty().containsOnly(ACCESS_KEY_ID);
        }
    }

    @Test
    void unreachableEndpointFailsAfterTheBoundedRetriesNamingIt() throws Exception {
        String endpoint = "http://127.0.0.1:" + freeLoopbackPort();
        Configuration c = config(endpoint, AwsOptions.RETRY_MAX_ATTEMPTS.defaultValue());
        c.set(AwsOptions.RETRY_MIN_DELAY, Duration.ofMillis(50));
        c.set(AwsOptions.RETRY_MAX_DELAY, Duration.ofMillis(500));
        long start = System.nanoTime();
        try (StreamProxy proxy = new AwsProxyFactory(c).createStreamProxy()) {
            assertThatThrownBy(() -> proxy.listShards(StreamId.of("anything"), null))
                    .isInstanceOf(KinesisUnreachableException.class)
                    .hasMessageStartingWith(
                            "Cannot reach Kinesis at " + endpoint + " after 10 attempts: ")
                    .hasMessageContaining("Connection refused")
                    .hasMessageContaining("Check aws.endpoint / aws.region");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    private static String streamWith(String prefix, int records) {
        TestStream s = KINESIS.streams().create(prefix, 1);
        s.putStrings(values(prefix, records));
        return s.name();
    }

    /** A port nothing listens on: bound and released a moment ago. */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
