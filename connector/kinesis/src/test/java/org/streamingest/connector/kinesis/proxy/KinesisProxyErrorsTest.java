package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.IamRole;
import org.streamingest.connector.kinesis.aws.KinesisEndpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Error translation, with SDK exceptions built directly (they are value objects). */
class KinesisProxyErrorsTest {
    private static final String SUBJECT = "Kinesis stream 'orders'";
    private static final String ROLE = "arn:aws:iam::123456789012:role/reader";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final KinesisProxyErrors local =
            new KinesisProxyErrors(
                    new KinesisEndpoint(
                            "us-east-1", "http://127.0.0.1:1", 10, IamRole.defaultChain()));
    private final KinesisProxyErrors aws =
            new KinesisProxyErrors(new KinesisEndpoint("eu-west-1", null, 5, IamRole.parse(ROLE)));

    private static AwsServiceException service(String code, int status, String message) {
        return service(code, status, message, 1);
    }

    private static AwsServiceException service(
            String code, int status, String message, int attempts) {
        return KinesisException.builder()
                .statusCode(status)
                .numAttempts(attempts)
                .awsErrorDetails(
                        AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .build();
    }

    @Test
    void unknownStreamSaysWhereItWasLookedForAndWhatToCheck() {
        RuntimeException e =
                local.translate(
                        "DescribeStreamSummary",
                        SUBJECT,
                        ResourceNotFoundException.builder()
                                .statusCode(400)
                                .awsErrorDetails(
                                        AwsErrorDetails.builder()
                                                .errorCode("ResourceNotFoundException")
                                                .errorMessage(
                                                        "Stream orders under account 0 not found.")
                                                .build())
                                .build());
        assertThat(e)
                .isInstanceOf(StreamNotFoundException.class)
                .hasMessage(
                        "Kinesis stream 'orders' does not exist in region us-east-1 at"
                                + " http://127.0.0.1:1. Check the name (stream names are case"
                                + " sensitive), aws.region and aws.endpoint (Kinesis said: Stream"
                                + " orders under account 0 not found.).");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "AccessDeniedException",
                "UnrecognizedClientException",
                "InvalidSignatureException",
                "ExpiredTokenException"
            })
    void accessDeniedNamesActionRoleAndPermission(String code) {
        RuntimeException e = aws.translate("GetRecords", SUBJECT, service(code, 400, "denied"));
        assertThat(e)
                .isInstanceOf(KinesisAccessDeniedException.class)
                .hasMessageStartingWith(
                        "Kinesis denied GetRecords on " + SUBJECT + " (" + code + ")")
                .hasMessageContaining("aws.iam-role='" + ROLE + "' (the role assumed through STS)")
                .hasMessageContaining("kinesis:GetRecords in region eu-west-1");
    }

    @Test
    void anyHttp403IsAccessDenied() {
        AwsServiceException e = KinesisException.builder().statusCode(403).build();
        assertThat(local.translate("ListShards", SUBJECT, e))
                .isInstanceOf(KinesisAccessDeniedException.class)
                .hasMessageContaining("(KinesisException (HTTP 403))")
                .hasMessageContaining("the AWS default credential chain");
    }

    @Test
    void resourceInUseHasItsOwnTypeSoFanOutCanBackOff() {
        AwsServiceException e =
                service("ResourceInUseException", 400, "Another active subscription exists", 1);
        assertThat(local.translate("SubscribeToShard", SUBJECT, e))
                .isExactlyInstanceOf(KinesisResourceInUseException.class)
                .hasMessageContaining("SubscribeToShard")
                .hasMessageContaining("Another active subscription exists");
    }

    @Test
    void throttlingAfterTheRetriesSaysWhatToRaise() {
        AwsServiceException e =
                service("ProvisionedThroughputExceededException", 400, "slow down", 5);
        assertThat(aws.translate("GetRecords", SUBJECT, e))
                .isExactlyInstanceOf(KinesisConnectorException.class)
                .hasMessage(
                        "Kinesis throttled GetRecords on Kinesis stream 'orders'"
                                + " (ProvisionedThroughputExceededException) through 5 attempts."
                                + " Read the stream with fewer consumers, or raise"
                                + " aws.retry.max-attempts / aws.retry.max-delay.");
    }

    @Test
    void refusedConnectionAfterTheRetriesNamesTheEndpointAndAttempts() {
        SdkClientException e =
                SdkClientException.builder()
                        .message("Unable to execute HTTP request: Connection refused")
                        .cause(new ConnectException("Connection refused"))
                        .numAttempts(10)
                        .build();
        assertThat(local.translate("ListShards", SUBJECT, new CompletionException(e)))
                .isInstanceOf(KinesisUnreachableException.class)
                .hasMessage(
                        "Cannot reach Kinesis at http://127.0.0.1:1 after 10 attempts: Connection"
                                + " refused. Check aws.endpoint / aws.region and that the endpoint"
                                + " is reachable from this machine (ListShards on Kinesis stream"
                                + " 'orders').");
    }

    @Test
    void unknownHostAndTimeoutsAreUnreachableToo() {
        SdkClientException host =
                SdkClientException.builder()
                        .message("x")
                        .cause(new UnknownHostException("kinesis.nowhere"))
                        .build();
        assertThat(aws.translate("ListStreams", "the streams", host))
                .isInstanceOf(KinesisUnreachableException.class)
                .hasMessageContaining(
                        "Cannot reach Kinesis at the AWS Kinesis endpoint of region eu-west-1"
                                + " after 5 attempts: unknown host kinesis.nowhere");
        assertThat(
                        aws.translate(
                                "ListStreams", "the streams", ApiCallTimeoutException.create(1000)))
                .isInstanceOf(KinesisUnreachableException.class)
                .hasMessageContaining("did not answer ListStreams on the streams within")
                .hasMessageContaining("aws.http.api-call-timeout");
    }

    @Test
    void otherServiceErrorsKeepCodeAndMessage() {
        assertThat(
                        local.translate(
                                "GetRecords",
                                SUBJECT,
                                service("InvalidArgumentException", 400, "bad")))
                .isExactlyInstanceOf(KinesisConnectorException.class)
                .hasMessage(
                        "Kinesis GetRecords on Kinesis stream 'orders' failed at"
                                + " http://127.0.0.1:1: InvalidArgumentException: bad");
    }

    @Test
    void aConnectorErrorInsideTheSdkErrorIsReturnedAsItIs() {
        KinesisAccessDeniedException credentials =
                new KinesisAccessDeniedException("Cannot assume aws.iam-role", null);
        SdkClientException wrapped =
                SdkClientException.builder()
                        .message("Unable to load credentials")
                        .cause(credentials)
                        .build();
        assertThat(local.translate("ListShards", SUBJECT, wrapped)).isSameAs(credentials);
    }

    @Test
    void messagesNeverContainCredentials() {
        for (RuntimeException e :
                new RuntimeException[] {
                    aws.translate(
                            "GetRecords", SUBJECT, service("AccessDeniedException", 400, "no")),
                    local.translate(
                            "GetRecords",
                            SUBJECT,
                            service("UnrecognizedClientException", 400, "x")),
                    local.translate("GetRecords", SUBJECT, SdkClientException.create("boom"))
                }) {
            assertThat(e.getMessage())
                    .doesNotContain(SECRET)
                    .doesNotContainPattern("A[SK]IA[A-Z0-9]{12,}");
        }
    }
}
