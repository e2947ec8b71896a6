package org.streamingest.connector.kinesis.proxy;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.KinesisServerExtension;
import org.streamingest.kinesis.testing.TestStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link KinesisStreamProxy} against kinesis-mock, streams addressed by name and by ARN. */
class KinesisMockStreamProxyITCase {
    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @Nested
    class ByName extends StreamProxyContractBase {
        @Override
        KinesisServerExtension server() {
            return KINESIS;
        }

        @Override
        StreamId address(TestStream stream) {
            return StreamId.of(stream.name());
        }
    }

    @Nested
    class ByArn extends StreamProxyContractBase {
        @Override
        KinesisServerExtension server() {
            return KINESIS;
        }

        @Override
        StreamId address(TestStream stream) {
            return StreamId.of(stream.arn());
        }

        @Override
        StreamId address(TestStream missing, String region, String name) {
            return StreamId.of("arn:aws:kinesis:" + region + ":000000000000:stream/" + name);
        }
    }
}
