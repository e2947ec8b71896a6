package org.streamingest.kinesis.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.URI;
import java.time.Duration;

/**
 * SDK clients for the local servers: static fake credentials (the servers check only their shape),
 * region us-east-1, the Apache HTTP client, and no proxy, so traffic stays on 127.0.0.1.
 */
public final class KinesisClients {

    /** The region every client signs with; kinesis-mock keeps streams per region. */
    public static final Region REGION = Region.US_EAST_1;

    /** Fake access key id accepted by both servers. Not a credential. */
    public static final String ACCESS_KEY_ID = "fakeAccessKeyId";

    /** Fake secret key accepted by both servers. Not a credential. */
    public static final String SECRET_KEY = "fakeSecretKey";

    /** System property that switches the SDK's Kinesis wire format from CBOR to JSON. */
    public static final String CBOR_ENABLED_PROPERTY = SdkSystemSetting.CBOR_ENABLED.property();

    private KinesisClients() {}

    /** The fake static credentials. */
    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_KEY));
    }

    /**
     * Builds a sync client for {@code endpoint}. The wire format (CBOR or JSON) is fixed when the
     * client is built, from the JVM-global system property {@code aws.cborEnabled}.
     */
    public static KinesisClient create(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials())
                .httpClient(
                        ApacheHttpClient.builder()
                                .maxConnections(16)
                                .proxyConfiguration(
                                        ProxyConfiguration.builder()
                                                .useSystemPropertyValues(false)
                                                .useEnvironmentVariableValues(false)
                                                .build())
                                .socketTimeout(Duration.ofSeconds(60))
                                .build())
                .build();
    }

    /** Makes every client built from now on in this JVM use JSON instead of CBOR. */
    public static void disableCbor() {
        System.setProperty(CBOR_ENABLED_PROPERTY, "false");
    }
}
