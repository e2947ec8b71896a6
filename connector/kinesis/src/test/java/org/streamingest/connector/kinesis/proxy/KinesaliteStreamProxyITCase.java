package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.kinesis.testing.KinesaliteExtension;
import org.streamingest.kinesis.testing.KinesisServerExtension;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link KinesisStreamProxy} against kinesalite: streams by name only, {@code aws.cbor.enabled}
 * false (kinesalite cannot parse the SDK's CBOR). Its end of shard comes as records first and then
 * an empty page without a next iterator; its ListShards honours ExclusiveStartShardId.
 */
class KinesaliteStreamProxyITCase extends StreamProxyContractBase {
    @RegisterExtension static final KinesaliteExtension KINESALITE = new KinesaliteExtension();

    @Override
    KinesisServerExtension server() {
        return KINESALITE;
    }

    @Override
    Configuration config() {
        Configuration c = super.config();
        c.set(AwsOptions.CBOR_ENABLED, false);
        return c;
    }

    @Override
    StreamId address(TestStream stream) {
        return StreamId.of(stream.name());
    }
}
