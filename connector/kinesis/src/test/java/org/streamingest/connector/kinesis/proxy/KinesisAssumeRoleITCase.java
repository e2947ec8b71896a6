package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.aws.AwsProxyFactory;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streamingest.connector.kinesis.proxy.StreamProxyContractBase.describe;
import static org.streamingest.connector.kinesis.proxy.StreamProxyContractBase.inShard;

/**
 * {@code aws.iam-role = '<role ARN>'}: the role is assumed through STS with the default chain's
 * credentials and Kinesis is called with the temporary ones. No real STS can run here, so a {@link
 * FakeStsServer} on 127.0.0.1 answers AssumeRole; a {@link FaultInjectingHttpProxy} in front of
 * kinesis-mock shows which access key signed each Kinesis call.
 */
@Timeout(120)
class KinesisAssumeRoleITCase {
    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();
    private static final String ROLE = "arn:aws:iam::123456789012:role/ingest/stream-reader";
    private static final String DEFAULT_CHAIN_KEY_ID = System.getProperty("aws.accessKeyId");

    FakeStsServer sts;
    FaultInjectingHttpProxy kinesis;

    @BeforeEach
    void start() throws Exception {
        sts = new FakeStsServer();
        kinesis = new FaultInjectingHttpProxy(KINESIS.endpoint().toString());
    }

    @AfterEach
    void stop() {
        kinesis.close();
        sts.close();
    }

    Configuration config() {
        Configuration c = StreamProxyContractBase.config(kinesis.endpoint());
        c.set(AwsOptions.IAM_ROLE, ROLE);
        c.set(AwsOptions.STS_ENDPOINT, sts.endpoint());
        c.set(AwsOptions.ROLE_SESSION_NAME, "it-session");
        c.set(AwsOptions.ROLE_EXTERNAL_ID, "external-42");
        return c;
    }

    @Test
    void kinesisCallsAreSignedWithTheAssumedRolesCredentials() {
        TestStream s = KINESIS.streams().create("role", 1);
        List<TestRecord> put = s.putStrings("one", "two");
        StreamId stream = StreamId.of(s.name());

        try (StreamProxy proxy = new AwsProxyFactory(config()).createStreamProxy()) {
            assertThat(proxy.describeStream(stream).name()).isEqualTo(s.name());
            RecordBatch batch =
                    proxy.getRecords(
                            stream, "shardId-000000000000", StartingPosition.fromStart(), 10);
            assertThat(describe(batch.records()))
                    .containsExactlyElementsOf(inShard(put, "shardId-000000000000"));
        }

        // STS was asked for the role, signed with the default chain's key
        assertThat(sts.requests()).isNotEmpty();
        Map<String, String> assume = sts.requests().get(0);
        assertThat(assume)
                .containsEntry("Action", "AssumeRole")
                .containsEntry("RoleArn", ROLE)
                .containsEntry("RoleSessionName", "it-session")
                .containsEntry("ExternalId", "external-42");
        assertThat(sts.callerKeyIds()).containsOnly(DEFAULT_CHAIN_KEY_ID);
        // and every Kinesis call was signed with the assumed role's key
        assertThat(kinesis.accessKeyIds())
                .hasSizeGreaterThanOrEqualTo(3)
                .containsOnly(FakeStsServer.ASSUMED_ACCESS_KEY_ID);
    }

    @Test
    void refusedAssumeRoleNamesTheRoleAndWhatToCheck() {
        sts.denyAssumeRole();
        try (StreamProxy proxy = new AwsProxyFactory(config()).createStreamProxy()) {
            assertThatThrownBy(() -> proxy.describeStream(StreamId.of("anything")))
                    .isInstanceOf(KinesisAccessDeniedException.class)
                    .hasMessageStartingWith(
                            "Cannot assume aws.iam-role='"
                                    + ROLE
                                    + "' through STS at "
                                    + sts.endpoint()
                                    + " (AccessDenied: Not authorized to assume the role)")
                    .hasMessageContaining("trust policy")
                    .satisfies(
                            e ->
                                    assertThat(e.getMessage())
                                            .doesNotContain(DEFAULT_CHAIN_KEY_ID)
                                            .doesNotContain(
                                                    System.getProperty("aws.secretAccessKey")));
        }
        assertThat(kinesis.calls("DescribeStreamSummary")).isZero();
    }

    @Test
    void unreachableStsIsReportedAsStsNotKinesis() throws Exception {
        String nowhere = "http://127.0.0.1:" + KinesisStreamProxyFaultsITCase.freeLoopbackPort();
        Configuration c = config();
        c.set(AwsOptions.STS_ENDPOINT, nowhere);
        try (StreamProxy proxy = new AwsProxyFactory(c).createStreamProxy()) {
            assertThatThrownBy(() -> proxy.describeStream(StreamId.of("anything")))
                    .isInstanceOf(KinesisAccessDeniedException.class)
                    .hasMessageStartingWith(
                            "Cannot assume aws.iam-role='" + ROLE + "' through STS at " + nowhere)
                    .hasMessageContaining("Connection refused");
        }
        assertThat(kinesis.calls("DescribeStreamSummary")).isZero();
    }
}
