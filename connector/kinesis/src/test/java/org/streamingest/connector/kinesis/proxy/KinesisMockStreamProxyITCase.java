package org.streamingest.connector.kinesis.proxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** {@link KinesisStreamProxy} against kinesis-mock (CBOR), streams addressed by name and by ARN. */
class KinesisMockStreamProxyITCase {
    static LocalKinesisServer server;
    static KinesisTestStreams streams;

    @BeforeAll
    static void start() throws Exception {
        KinesisTestStreams.useFakeDefaultCredentials();
        server = LocalKinesisServer.start(LocalKinesisServer.Kind.KINESIS_MOCK);
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

    @Nested
    class ByName extends StreamProxyContractBase {
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

    @Nested
    class ByArn extends StreamProxyContractBase {
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
            return StreamId.of(arn);
        }
    }
}
