package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.AwsOptions;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.SdkSystemSetting;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KinesisStreamProxy} against kinesalite: streams by name only and CBOR off (kinesalite
 * cannot parse the SDK's CBOR). Its end of shard comes as records first, then an empty page with no
 * next iterator; its ListShards honours ExclusiveStartShardId.
 */
class KinesaliteStreamProxyITCase extends StreamProxyContractBase {
    static LocalKinesisServer server;
    static KinesisTestStreams streams;

    @BeforeAll
    static void start() throws Exception {
        KinesisTestStreams.useFakeDefaultCredentials();
        server = LocalKinesisServer.start(LocalKinesisServer.Kind.KINESALITE);
        // The connector's option switches CBOR off JVM-wide before it builds a client ...
        Configuration config = new Configuration();
        config.set(AwsOptions.ENDPOINT, server.endpoint());
        config.set(AwsOptions.CBOR_ENABLED, false);
        new org.streamingest.connector.kinesis.aws.AwsProxyFactory(config)
                .createStreamProxy()
                .close();
        assertThat(System.getProperty(SdkSystemSetting.CBOR_ENABLED.property())).isEqualTo("false");
        // ... so the test's own client, built afterwards, speaks JSON too.
        streams = new KinesisTestStreams(server.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        if (streams != null) {
            streams.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    Configuration config(String endpoint) {
        Configuration c = super.config(endpoint);
        c.set(AwsOptions.CBOR_ENABLED, false);
        return c;
    }

    @Override
    String endpoint() {
        return server.endpoint();
    }

    @Override
    KinesisTestStreams streams() {
        return streams;
    }

    @Override
    StreamId address(String name, String arn) {
        return StreamId.of(name);
    }
}
