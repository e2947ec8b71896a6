package org.streamingest.connector.kinesis.aws;

import org.streamingest.connector.kinesis.proxy.FanOutProxy;
import org.streamingest.connector.kinesis.proxy.KinesisFanOutProxy;
import org.streamingest.connector.kinesis.proxy.KinesisStreamProxy;
import org.streamingest.connector.kinesis.proxy.StreamProxy;
import org.streamingest.connector.kinesis.source.ProxyFactory;

import org.apache.flink.configuration.Configuration;

/**
 * The production {@link ProxyFactory}: carries only the (validated) configuration across the wire
 * and builds the SDK clients on the side where a proxy is created, the JobManager for the
 * enumerator and each TaskManager for its readers. Every proxy owns its own clients and closes
 * them.
 */
public final class AwsProxyFactory implements ProxyFactory {
    private static final long serialVersionUID = 1L;

    private final Configuration config;

    /**
     * @throws IllegalArgumentException when an {@code aws.*} option is invalid; the message names
     *     the key and the valid values
     */
    public AwsProxyFactory(Configuration config) {
        AwsConfigValidator.validate(config);
        this.config = new Configuration(config);
    }

    @Override
    public StreamProxy createStreamProxy() {
        return new KinesisStreamProxy(new AwsClientFactory(config));
    }

    @Override
    public FanOutProxy createFanOutProxy() {
        // Local servers (kinesis-mock) never signal the end of a shard on SubscribeToShard.
        boolean detectShardEnds = config.getOptional(AwsOptions.ENDPOINT).isPresent();
        return new KinesisFanOutProxy(new AwsClientFactory(config), detectShardEnds);
    }

    @Override
    public String toString() {
        return "AwsProxyFactory{endpoint="
                + config.get(AwsOptions.ENDPOINT)
                + ", region="
                + config.get(AwsOptions.REGION)
                + "}";
    }
}
