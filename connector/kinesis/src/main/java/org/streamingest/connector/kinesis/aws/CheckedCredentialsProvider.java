package org.streamingest.connector.kinesis.aws;

import org.streamingest.connector.kinesis.proxy.KinesisAccessDeniedException;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Wraps the credentials of {@code aws.iam-role} so that failing to obtain them (no credentials in
 * the default chain, STS refusing or not answering AssumeRole) surfaces as a {@link
 * KinesisAccessDeniedException} that says which option to fix, instead of an SDK error that reads
 * like a Kinesis failure. Never prints the credentials: {@link #toString()} names the role only.
 */
final class CheckedCredentialsProvider implements AwsCredentialsProvider {

    private final AwsCredentialsProvider delegate;
    private final IamRole role;
    private final String stsEndpoint;

    CheckedCredentialsProvider(AwsCredentialsProvider delegate, IamRole role, String stsEndpoint) {
        this.delegate = delegate;
        this.role = role;
        this.stsEndpoint = stsEndpoint;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return delegate.resolveCredentials();
        } catch (RuntimeException e) {
            throw new KinesisAccessDeniedException(message(e), e);
        }
    }

    String message(Throwable e) {
        String option = AwsOptions.IAM_ROLE.key() + "='" + role + "'";
        if (role.isDefaultChain()) {
            return "No AWS credentials for "
                    + option
                    + ": the AWS default credential chain found none ("
                    + reason(e)
                    + "). Provide them through the environment (AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY), a profile, or a container or instance role.";
        }
        return "Cannot assume "
                + option
                + " through STS at "
                + (stsEndpoint != null ? stsEndpoint : "the regional AWS STS endpoint")
                + " ("
                + reason(e)
                + "). Check that the role exists, that its trust policy lets the identity of"
                + " the AWS default credential chain assume it (and the external id in '"
                + AwsOptions.ROLE_EXTERNAL_ID.key()
                + "' if it requires one), and '"
                + AwsOptions.STS_ENDPOINT.key()
                + "' / '"
                + AwsOptions.REGION.key()
                + "'.";
    }

    /** The service's error code and message, or the innermost cause's message. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException
                    && ((AwsServiceException) t).awsErrorDetails() != null) {
                var details = ((AwsServiceException) t).awsErrorDetails();
                return details.errorCode() + ": " + details.errorMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "CheckedCredentialsProvider{" + AwsOptions.IAM_ROLE.key() + "=" + role + "}";
    }
}
