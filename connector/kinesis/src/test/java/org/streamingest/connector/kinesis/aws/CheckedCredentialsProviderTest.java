package org.streamingest.connector.kinesis.aws;

import org.streamingest.connector.kinesis.proxy.KinesisAccessDeniedException;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckedCredentialsProviderTest {
    private static final String KEY_ID = "AKIAUNITTESTKEYID0001";
    private static final String SECRET = "unitTestSecretThatMustNeverBePrinted0001";
    private static final IamRole ROLE = IamRole.parse("arn:aws:iam::123456789012:role/reader");

    @Test
    void credentialsPassThroughAndNeverShowInToString() {
        AwsCredentialsProvider provider =
                new CheckedCredentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(KEY_ID, SECRET)),
                        IamRole.defaultChain(),
                        null);
        assertThat(provider.resolveCredentials().secretAccessKey()).isEqualTo(SECRET);
        assertThat(provider.toString())
                .isEqualTo("CheckedCredentialsProvider{aws.iam-role=default}")
                .doesNotContain(KEY_ID, SECRET);
    }

    @Test
    void anEmptyDefaultChainSaysWhereToPutCredentials() {
        AwsCredentialsProvider empty =
                () -> {
                    throw SdkClientException.create("Unable to load credentials from any provider");
                };
        assertThatThrownBy(
                        () ->
                                new CheckedCredentialsProvider(empty, IamRole.defaultChain(), null)
                                        .resolveCredentials())
                .isInstanceOf(KinesisAccessDeniedException.class)
                .hasMessageStartingWith(
                        "No AWS credentials for aws.iam-role='default': the AWS default credential"
                                + " chain found none (Unable to load credentials from any provider).")
                .hasMessageContaining("AWS_ACCESS_KEY_ID");
    }

    @Test
    void aRefusedAssumeRoleNamesRoleStsAndTheServiceError() {
        AwsCredentialsProvider refusing =
                () -> {
                    throw SdkClientException.builder()
                            .message("Unable to load credentials")
                            .cause(
                                    StsException.builder()
                                            .statusCode(403)
                                            .awsErrorDetails(
                                                    AwsErrorDetails.builder()
                                                            .errorCode("AccessDenied")
                                                            .errorMessage("not allowed")
                                                            .build())
                                            .build())
                            .build();
                };
        assertThatThrownBy(
                        () ->
                                new CheckedCredentialsProvider(refusing, ROLE, "http://127.0.0.1:9")
                                        .resolveCredentials())
                .isInstanceOf(KinesisAccessDeniedException.class)
                .hasMessageStartingWith(
                        "Cannot assume aws.iam-role='arn:aws:iam::123456789012:role/reader'"
                                + " through STS at http://127.0.0.1:9 (AccessDenied: not allowed).")
                .hasMessageContaining("aws.iam-role.external-id");
    }

    @Test
    void theRoleProviderChainIsBuiltWithoutCallingStsAndPrintsNoSecrets() throws Exception {
        Configuration c = new Configuration();
        c.set(AwsOptions.IAM_ROLE, ROLE.roleArn());
        c.set(AwsOptions.STS_ENDPOINT, "http://127.0.0.1:9");
        List<AutoCloseable> closeables = new ArrayList<>();
        AwsCredentialsProvider provider = AwsCredentials.create(c, "us-east-1", closeables);
        try {
            assertThat(provider).isInstanceOf(CheckedCredentialsProvider.class);
            assertThat(provider.toString()).contains(ROLE.roleArn());
            assertThat(closeables).hasSize(4); // chain, STS HTTP client, STS client, provider
        } finally {
            for (AutoCloseable closeable : closeables) {
                closeable.close();
            }
        }
    }
}
