package org.streamingest.connector.kinesis.aws;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building clients contacts nothing: these tests never open a connection. */
class AwsClientFactoryTest {
    private static final String EU_ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/orders";

    private static Configuration local() {
        Configuration c = new Configuration();
        c.set(AwsOptions.ENDPOINT, "http://127.0.0.1:4567");
        return c;
    }

    @Test
    void oneClientPerRegionChosenByTheArn() {
        try (AwsClientFactory clients = new AwsClientFactory(local())) {
            KinesisClient byName = clients.kinesis(null);
            assertThat(clients.kinesis(null)).isSameAs(byName);
            assertThat(clients.kinesis(EU_ARN)).isNotSameAs(byName);
            assertThat(byName.serviceClientConfiguration().region().id()).isEqualTo("us-east-1");
            assertThat(clients.kinesis(EU_ARN).serviceClientConfiguration().region().id())
                    .isEqualTo("eu-west-1");
            assertThat(byName.serviceClientConfiguration().endpointOverride())
                    .hasValue(java.net.URI.create("http://127.0.0.1:4567"));
        }
    }

    @Test
    void theEndpointNamesWhatErrorMessagesShow() {
        Configuration c = local();
        c.set(AwsOptions.RETRY_MAX_ATTEMPTS, 4);
        try (AwsClientFactory clients = new AwsClientFactory(c)) {
            KinesisEndpoint e = clients.endpoint(EU_ARN);
            assertThat(e.region()).isEqualTo("eu-west-1");
            assertThat(e.endpoint()).isEqualTo("http://127.0.0.1:4567");
            assertThat(e.maxAttempts()).isEqualTo(4);
            assertThat(e.iamRole().isDefaultChain()).isTrue();
        }
        Configuration aws = new Configuration();
        aws.set(AwsOptions.REGION, "ap-south-1");
        try (AwsClientFactory clients = new AwsClientFactory(aws)) {
            assertThat(clients.endpoint(null).endpoint())
                    .isEqualTo("the AWS Kinesis endpoint of region ap-south-1");
        }
    }

    @Test
    void cborOffSetsTheJvmWideSdkPropertyBeforeBuilding() {
        String property = SdkSystemSetting.CBOR_ENABLED.property();
        String before = System.getProperty(property);
        try {
            System.clearProperty(property);
            new AwsClientFactory(local()).close();
            assertThat(System.getProperty(property)).as("CBOR on: left alone").isNull();
            Configuration c = local();
            c.set(AwsOptions.CBOR_ENABLED, false);
            new AwsClientFactory(c).close();
            assertThat(System.getProperty(property)).isEqualTo("false");
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    @Test
    void invalidOptionsAreRejectedBeforeAnyClientIsBuilt() {
        Configuration bad = local();
        bad.setString("aws.endpoint", "127.0.0.1:4567");
        assertThatThrownBy(() -> new AwsClientFactory(bad)).hasMessageContaining("'aws.endpoint'");
        assertThatThrownBy(() -> new AwsProxyFactory(bad)).hasMessageContaining("'aws.endpoint'");
    }

    @Test
    void toStringShowsWhereButNoCredentials() {
        Configuration c = local();
        c.set(AwsOptions.IAM_ROLE, "arn:aws:iam::123456789012:role/reader");
        try (AwsClientFactory clients = new AwsClientFactory(c)) {
            assertThat(clients.toString())
                    .isEqualTo(
                            "AwsClientFactory{endpoint=http://127.0.0.1:4567, region=null,"
                                    + " aws.iam-role=arn:aws:iam::123456789012:role/reader}");
        }
    }
}
