package org.streamingest.connector.kinesis.aws;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The value of {@link AwsOptions#IAM_ROLE}, as in Redshift's {@code IAM_ROLE { default |
 * 'arn:aws:iam::<account>:role/<name>' }}: either the AWS default credential chain or a role that
 * is assumed through STS on top of it.
 */
public final class IamRole implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Partition (aws, aws-cn, aws-us-gov, ...), 12-digit account, optional path, role name. */
    private static final Pattern ROLE_ARN =
            Pattern.compile(
                    "arn:aws(-[a-z]+)*:iam::\\d{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

    private static final String DEFAULT = "default";

    private final String roleArn;

    private IamRole(String roleArn) {
        this.roleArn = roleArn;
    }

    /** The AWS default credential chain. */
    public static IamRole defaultChain() {
        return new IamRole(null);
    }

    /**
     * Parses {@code default} (any case) or a role ARN; anything else is rejected with a message
     * that names the option and shows a valid value.
     */
    public static IamRole parse(String value) {
        String trimmed = value == null ? "" : value.trim();
        if (trimmed.toLowerCase(Locale.ROOT).equals(DEFAULT)) {
            return defaultChain();
        }
        if (!ROLE_ARN.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(
                    "Invalid value '"
                            + trimmed
                            + "' for '"
                            + AwsOptions.IAM_ROLE.key()
                            + "': use 'default' (the AWS default credential chain) or an IAM role"
                            + " ARN of the form arn:aws:iam::<12-digit account>:role/<name>, for"
                            + " example 'arn:aws:iam::123456789012:role/streaming-ingest'.");
        }
        return new IamRole(trimmed);
    }

    public boolean isDefaultChain() {
        return roleArn == null;
    }

    /** The role ARN, or {@code null} for the default chain. */
    public String roleArn() {
        return roleArn;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IamRole && Objects.equals(roleArn, ((IamRole) o).roleArn);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(roleArn);
    }

    /** Safe to log: a role ARN is an identifier, not a credential. */
    @Override
    public String toString() {
        return roleArn == null ? DEFAULT : roleArn;
    }
}
