package org.streamingest.connector.kinesis.aws;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/**
 * How the connector reaches AWS: region, endpoint, credentials and HTTP client. The same keys serve
 * the catalog, the table connector and the DataStream source.
 *
 * <p>Credentials follow Redshift's {@code IAM_ROLE { default | 'arn:...' }}: {@code default} uses
 * the AWS default credential chain, a role ARN is assumed through STS on top of that chain.
 */
public final class AwsOptions {

    /** HTTP protocol for the SDK clients. */
    public enum HttpProtocol {
        /** HTTP/1.1: works everywhere; required by some emulators over TLS. */
        HTTP1_1,
        /** HTTP/2: h2 over TLS on AWS, h2c (prior knowledge) on a plain http:// endpoint. */
        HTTP2
    }

    public static final ConfigOption<String> REGION =
            ConfigOptions.key("aws.region")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "AWS region of the streams, for example 'us-west-2'. When unset, the"
                                    + " region of a stream ARN is used; else 'us-east-1' when"
                                    + " 'aws.endpoint' is set (local servers); else the SDK's default"
                                    + " region provider chain (AWS_REGION, profile).");

    public static final ConfigOption<String> ENDPOINT =
            ConfigOptions.key("aws.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Endpoint override for the Kinesis API, for example"
                                    + " 'http://127.0.0.1:4567' for a local Kinesis-API server. When"
                                    + " unset, the regional AWS endpoint is used.");

    public static final ConfigOption<String> IAM_ROLE =
            ConfigOptions.key("aws.iam-role")
                    .stringType()
                    .defaultValue("default")
                    .withDescription(
                            "Redshift's IAM_ROLE: 'default' uses the AWS default credential chain"
                                    + " (environment, system properties, profile, container or"
                                    + " instance role); an IAM role ARN"
                                    + " ('arn:aws:iam::<account>:role/<name>') is assumed through STS"
                                    + " with credentials from that chain and refreshed before they"
                                    + " expire.");

    public static final ConfigOption<String> ROLE_SESSION_NAME =
            ConfigOptions.key("aws.iam-role.session-name")
                    .stringType()
                    .defaultValue("streaming-ingest")
                    .withDescription("Session name used when assuming 'aws.iam-role'.");

    public static final ConfigOption<String> ROLE_EXTERNAL_ID =
            ConfigOptions.key("aws.iam-role.external-id")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("External id passed to STS when assuming 'aws.iam-role'.");

    public static final ConfigOption<String> STS_ENDPOINT =
            ConfigOptions.key("aws.sts.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Endpoint override for STS, used when assuming 'aws.iam-role'.");

    public static final ConfigOption<HttpProtocol> HTTP_PROTOCOL =
            ConfigOptions.key("aws.http.protocol")
                    .enumType(HttpProtocol.class)
                    .defaultValue(HttpProtocol.HTTP2)
                    .withDescription(
                            "HTTP protocol of the enhanced fan-out client. AWS speaks HTTP2 over TLS;"
                                    + " emulators speak HTTP2 only in cleartext (h2c) or HTTP1_1."
                                    + " Polling always uses HTTP/1.1.");

    public static final ConfigOption<Boolean> TRUST_ALL_CERTIFICATES =
            ConfigOptions.key("aws.http.trust-all-certificates")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Trust any TLS certificate (self-signed emulators only; never against"
                                    + " AWS).");

    public static final ConfigOption<Integer> MAX_CONNECTIONS =
            ConfigOptions.key("aws.http.max-connections")
                    .intType()
                    .defaultValue(64)
                    .withDescription(
                            "Largest number of concurrent HTTP connections (polling) or HTTP/2 streams"
                                    + " (enhanced fan-out) per Kinesis client. With enhanced fan-out"
                                    + " every shard a subtask reads holds one, so it must be at least"
                                    + " the number of shards of one subtask.");

    public static final ConfigOption<Boolean> CBOR_ENABLED =
            ConfigOptions.key("aws.cbor.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Whether the SDK speaks CBOR to Kinesis. Set to false for kinesalite."
                                    + " The AWS SDK reads this JVM-wide, so 'false' affects every"
                                    + " Kinesis client in the same JVM: the connector sets the system"
                                    + " property 'aws.cborEnabled=false' before it builds a client."
                                    + " Setting it in the Flink JVM options (env.java.opts) does the"
                                    + " same for a whole cluster.");

    public static final ConfigOption<Integer> RETRY_MAX_ATTEMPTS =
            ConfigOptions.key("aws.retry.max-attempts")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "Attempts per Kinesis call on throttling and transient errors (including"
                                    + " an unreachable endpoint) before the call fails.");

    public static final ConfigOption<Duration> RETRY_MIN_DELAY =
            ConfigOptions.key("aws.retry.min-delay")
                    .durationType()
                    .defaultValue(Duration.ofMillis(300))
                    .withDescription(
                            "Smallest backoff between retries (exponential, half jitter).");

    public static final ConfigOption<Duration> RETRY_MAX_DELAY =
            ConfigOptions.key("aws.retry.max-delay")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("Largest backoff between retries.");

    public static final ConfigOption<Duration> API_CALL_TIMEOUT =
            ConfigOptions.key("aws.http.api-call-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription("Upper bound for one Kinesis call including its retries.");

    private AwsOptions() {}
}
