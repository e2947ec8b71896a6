package org.streamingest.connector.kinesis.aws;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.utils.AttributeMap;

import javax.annotation.Nullable;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Builds and owns the SDK clients of one proxy, one per region: a sync {@link KinesisClient} on the
 * Apache HTTP client (polling, control plane) and an async {@link KinesisAsyncClient} on Netty
 * (enhanced fan-out; HTTP/2 is h2 over TLS and h2c with prior knowledge on a plain http://
 * endpoint). Closing the factory closes every client, HTTP client and credentials provider it
 * built. Not serializable: {@link AwsProxyFactory} creates one where the proxy is used.
 *
 * <p>{@code aws.cbor.enabled=false} sets the JVM-wide system property {@code aws.cborEnabled=false}
 * before the first client is built (the SDK reads it there); it is never set back to true, since
 * other clients in the same JVM may rely on it.
 */
public final class AwsClientFactory implements AutoCloseable {
    private static final Duration CONNECTION_ACQUIRE_TIMEOUT = Duration.ofSeconds(60);
    private static final int HTTP2_INITIAL_WINDOW = 512 * 1024;
    private static final Duration HTTP2_PING = Duration.ofSeconds(60);

    private final Configuration config;
    private final IamRole iamRole;
    private final Map<String, KinesisClient> syncClients = new ConcurrentHashMap<>();
    private final Map<String, KinesisAsyncClient> asyncClients = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private volatile String defaultChainRegion;

    public AwsClientFactory(Configuration config) {
        AwsConfigValidator.validate(config);
        this.config = new Configuration(config);
        this.iamRole = IamRole.parse(config.get(AwsOptions.IAM_ROLE));
        if (!config.get(AwsOptions.CBOR_ENABLED)) {
            System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), "false");
        }
    }

    /** The region calls about {@code arn} (a stream or consumer ARN, or null) are signed for. */
    public String region(@Nullable String arn) {
        return AwsRegions.resolve(
                config.get(AwsOptions.REGION), config.get(AwsOptions.ENDPOINT), arn, this::chain);
    }

    /** Where calls about {@code arn} go, for error messages. */
    public KinesisEndpoint endpoint(@Nullable String arn) {
        String override = config.get(AwsOptions.ENDPOINT);
        return new KinesisEndpoint(
                region(arn),
                override == null ? null : override.trim(),
                config.get(AwsOptions.RETRY_MAX_ATTEMPTS),
                iamRole);
    }

    public KinesisClient kinesis(@Nullable String arn) {
        return syncClients.computeIfAbsent(region(arn), this::buildSync);
    }

    public KinesisAsyncClient kinesisAsync(@Nullable String arn) {
        return asyncClients.computeIfAbsent(region(arn), this::buildAsync);
    }

    private KinesisClient buildSync(String region) {
        SdkHttpClient http =
                ApacheHttpClient.builder()
                        .maxConnections(config.get(AwsOptions.MAX_CONNECTIONS))
                        .tcpKeepAlive(true)
                        .buildWithDefaults(tlsDefaults(config));
        register(http);
        return register(
                withCommonSettings(KinesisClient.builder(), region).httpClient(http).build());
    }

    private KinesisAsyncClient buildAsync(String region) {
        boolean http2 = config.get(AwsOptions.HTTP_PROTOCOL) == AwsOptions.HttpProtocol.HTTP2;
        NettyNioAsyncHttpClient.Builder netty =
                NettyNioAsyncHttpClient.builder()
                        .protocol(http2 ? Protocol.HTTP2 : Protocol.HTTP1_1)
                        .maxConcurrency(config.get(AwsOptions.MAX_CONNECTIONS))
                        .connectionAcquisitionTimeout(CONNECTION_ACQUIRE_TIMEOUT)
                        .tcpKeepAlive(true);
        if (http2) {
            netty.http2Configuration(
                    Http2Configuration.builder()
                            .initialWindowSize(HTTP2_INITIAL_WINDOW)
                            .healthCheckPingPeriod(HTTP2_PING)
                            .build());
        }
        SdkAsyncHttpClient http = register(netty.buildWithDefaults(tlsDefaults(config)));
        return register(
                withCommonSettings(KinesisAsyncClient.builder(), region).httpClient(http).build());
    }

    /** Region, credentials, retries, call timeout and endpoint: the same for both clients. */
    private <B extends AwsClientBuilder<B, ?>> B withCommonSettings(B builder, String region) {
        builder.region(Region.of(region))
                .credentialsProvider(AwsCredentials.create(config, region, closeables))
                .overrideConfiguration(
                        o ->
                                o.retryStrategy(AwsRetryStrategies.create(config))
                                        .apiCallTimeout(config.get(AwsOptions.API_CALL_TIMEOUT)));
        endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }

    private Optional<URI> endpointOverride() {
        String endpoint = config.get(AwsOptions.ENDPOINT);
        return Optional.ofNullable(endpoint).map(e -> URI.create(e.trim()));
    }

    static AttributeMap tlsDefaults(ReadableConfig config) {
        return AttributeMap.builder()
                .put(
                        SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES,
                        config.get(AwsOptions.TRUST_ALL_CERTIFICATES))
                .build();
    }

    private String chain() {
        if (defaultChainRegion == null) {
            defaultChainRegion = AwsRegions.defaultChain();
        }
        return defaultChainRegion;
    }

    private <T extends AutoCloseable> T register(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** Closes clients first, then HTTP clients and credentials, in reverse order of creation. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Closing AWS clients failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        closeables.clear();
        syncClients.clear();
        asyncClients.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** Safe to log: names the endpoint and the role option, never credentials. */
    @Override
    public String toString() {
        return "AwsClientFactory{endpoint="
                + config.get(AwsOptions.ENDPOINT)
                + ", region="
                + config.get(AwsOptions.REGION)
                + ", "
                + AwsOptions.IAM_ROLE.key()
                + "="
                + iamRole
                + "}";
    }
}
