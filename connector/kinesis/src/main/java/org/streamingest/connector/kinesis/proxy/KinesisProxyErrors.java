package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.aws.AwsRetryStrategies;
import org.streamingest.connector.kinesis.aws.KinesisEndpoint;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns SDK errors into the connector's exceptions with messages that say what to do. Messages name
 * the action, the stream, the endpoint and the option to check; they never contain credentials (the
 * SDK's own message is included only for service errors, which carry none).
 */
final class KinesisProxyErrors {

    private static final Set<String> ACCESS_DENIED =
            Set.of(
                    "AccessDeniedException",
                    "AccessDenied",
                    "UnrecognizedClientException",
                    "InvalidSignatureException",
                    "IncompleteSignature",
                    "MissingAuthenticationToken",
                    "InvalidClientTokenId",
                    "SignatureDoesNotMatch",
                    "ExpiredTokenException",
                    "KMSAccessDeniedException");

    private final KinesisEndpoint endpoint;

    KinesisProxyErrors(KinesisEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * @param action the Kinesis API action, e.g. {@code GetRecords}
     * @param subject what the call was about, e.g. {@code stream 'orders'} or {@code shard
     *     'shardId-000000000001' of stream 'orders'}
     */
    RuntimeException translate(String action, String subject, Throwable error) {
        Throwable e = unwrap(error);
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof KinesisConnectorException) {
                return (KinesisConnectorException) t; // e.g. credentials of aws.iam-role failed
            }
        }
        if (e instanceof AwsServiceException) {
            return service(action, subject, (AwsServiceException) e);
        }
        Throwable unreachable = connectFailure(e);
        if (unreachable != null) {
            return new KinesisUnreachableException(
                    "Cannot reach Kinesis at "
                            + endpoint.endpoint()
                            + " after "
                            + attempts(e)
                            + " attempts: "
                            + describe(unreachable)
                            + ". Check "
                            + AwsOptions.ENDPOINT.key()
                            + " / "
                            + AwsOptions.REGION.key()
                            + " and that the endpoint is reachable from this machine ("
                            + action
                            + " on "
                            + subject
                            + ").",
                    e);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new KinesisUnreachableException(
                    "Kinesis at "
                            + endpoint.endpoint()
                            + " did not answer "
                            + action
                            + " on "
                            + subject
                            + " within "
                            + AwsOptions.API_CALL_TIMEOUT.key()
                            + ". Check that the endpoint is reachable, or raise "
                            + AwsOptions.API_CALL_TIMEOUT.key()
                            + ".",
                    e);
        }
        return new KinesisConnectorException(
                "Kinesis " + action + " on " + subject + " failed: " + describe(e), e);
    }

    private RuntimeException service(String action, String subject, AwsServiceException e) {
        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
        String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : null;
        String label =
                code != null
                        ? code
                        : e.getClass().getSimpleName() + " (HTTP " + e.statusCode() + ")";
        if (e instanceof ResourceNotFoundException || "ResourceNotFoundException".equals(code)) {
            return new StreamNotFoundException(
                    capitalize(subject)
                            + " does not exist in region "
                            + endpoint.region()
                            + " at "
                            + endpoint.endpoint()
                            + ". Check the name (stream names are case sensitive), "
                            + AwsOptions.REGION.key()
                            + " and "
                            + AwsOptions.ENDPOINT.key()
                            + (message != null ? " (Kinesis said: " + message + ")" : "")
                            + ".",
                    e);
        }
        if (e instanceof ResourceInUseException || "ResourceInUseException".equals(code)) {
            // Also what Kinesis answers within ~5 s of a cancelled SubscribeToShard; the EFO
            // reader backs off at least that long on this type.
            return new KinesisResourceInUseException(
                    "Kinesis "
                            + action
                            + " on "
                            + subject
                            + " failed: the resource is in use (ResourceInUseException"
                            + (message != null ? "; Kinesis said: " + message : "")
                            + ").",
                    e);
        }
        if ((code != null && ACCESS_DENIED.contains(code)) || e.statusCode() == 403) {
            return new KinesisAccessDeniedException(
                    "Kinesis denied "
                            + action
                            + " on "
                            + subject
                            + " ("
                            + label
                            + "). The credentials of "
                            + AwsOptions.IAM_ROLE.key()
                            + "='"
                            + endpoint.iamRole()
                            + "' ("
                            + (endpoint.iamRole().isDefaultChain()
                                    ? "the AWS default credential chain"
                                    : "the role assumed through STS")
                            + ") need permission kinesis:"
                            + action
                            + " in region "
                            + endpoint.region()
                            + "; check that they are valid and grant it in the role's policy.",
                    e);
        }
        if (AwsRetryStrategies.isThrottling(e)) {
            return new KinesisConnectorException(
                    "Kinesis throttled "
                            + action
                            + " on "
                            + subject
                            + " ("
                            + label
                            + ") through "
                            + attempts(e)
                            + " attempts. Read the stream with fewer consumers, or raise "
                            + AwsOptions.RETRY_MAX_ATTEMPTS.key()
                            + " / "
                            + AwsOptions.RETRY_MAX_DELAY.key()
                            + ".",
                    e);
        }
        return new KinesisConnectorException(
                "Kinesis "
                        + action
                        + " on "
                        + subject
                        + " failed at "
                        + endpoint.endpoint()
                        + ": "
                        + label
                        + (message != null ? ": " + message : ""),
                e);
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The connection-level cause (refused, unknown host, no route), or null. */
    private static Throwable connectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private int attempts(Throwable e) {
        if (e instanceof SdkException && ((SdkException) e).numAttempts() != null) {
            return ((SdkException) e).numAttempts();
        }
        return endpoint.maxAttempts();
    }

    /** A short reason: "Connection refused", "Unknown host: x". */
    private static String describe(Throwable t) {
        if (t instanceof UnknownHostException) {
            return "unknown host " + t.getMessage();
        }
        String message =
                t instanceof SdkException ? ((SdkException) t).rawMessage() : t.getMessage();
        if (message == null) {
            return t.getClass().getSimpleName();
        }
        // Apache: "Connect to 127.0.0.1:1 [/127.0.0.1] failed: Connection refused"
        int failed = message.lastIndexOf("failed: ");
        return failed >= 0 ? message.substring(failed + "failed: ".length()) : message;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
