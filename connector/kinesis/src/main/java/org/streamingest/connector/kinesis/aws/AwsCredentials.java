package org.streamingest.connector.kinesis.aws;

import org.apache.flink.configuration.ReadableConfig;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

import java.net.URI;
import java.util.List;

/**
 * Credentials as Redshift's {@code IAM_ROLE}: {@code default} is the SDK default chain; a role ARN
 * is assumed through STS with credentials from that chain, and the session is refreshed in the
 * background before it expires.
 *
 * <p>The providers never appear in messages or logs: only the role ARN (an identifier) does.
 */
final class AwsCredentials {

    private AwsCredentials() {}

    /**
     * Builds the provider for one region; everything that must be closed with it is added to {@code
     * closeables} (the STS client and the provider's refresh thread).
     */
    static AwsCredentialsProvider create(
            ReadableConfig config, String region, List<AutoCloseable> closeables) {
        IamRole role = IamRole.parse(config.get(AwsOptions.IAM_ROLE));
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        closeables.add(chain);
        if (role.isDefaultChain()) {
            return new CheckedCredentialsProvider(chain, role, null);
        }
        SdkHttpClient http =
                ApacheHttpClient.builder().buildWithDefaults(AwsClientFactory.tlsDefaults(config));
        closeables.add(http);
        StsClientBuilder sts =
                StsClient.builder()
                        .region(Region.of(region))
                        .credentialsProvider(chain)
                        .httpClient(http)
                        .overrideConfiguration(
                                o ->
                                        o.retryStrategy(AwsRetryStrategies.create(config))
                                                .apiCallTimeout(
                                                        config.get(AwsOptions.API_CALL_TIMEOUT)));
        String stsEndpoint = config.get(AwsOptions.STS_ENDPOINT);
        if (stsEndpoint != null) {
            sts.endpointOverride(URI.create(stsEndpoint.trim()));
        }
        StsClient stsClient = sts.build();
        closeables.add(stsClient);
        AssumeRoleRequest request =
                AssumeRoleRequest.builder()
                        .roleArn(role.roleArn())
                        .roleSessionName(config.get(AwsOptions.ROLE_SESSION_NAME))
                        .externalId(config.get(AwsOptions.ROLE_EXTERNAL_ID))
                        .build();
        StsAssumeRoleCredentialsProvider provider =
                StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(stsClient)
                        .refreshRequest(request)
                        .asyncCredentialUpdateEnabled(true)
                        .build();
        closeables.add(provider);
        return new CheckedCredentialsProvider(provider, role, stsEndpoint);
    }
}
