package org.streamingest.connector.kinesis.aws;

import java.io.Serializable;

/**
 * Where the calls of one client go, as error messages name it: region, endpoint, retry budget and
 * the credentials option. Holds no credentials, so it is safe to log.
 */
public final class KinesisEndpoint implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String region;
    private final String endpointOverride;
    private final int maxAttempts;
    private final IamRole iamRole;

    public KinesisEndpoint(
            String region, String endpointOverride, int maxAttempts, IamRole iamRole) {
        this.region = region;
        this.endpointOverride = endpointOverride;
        this.maxAttempts = maxAttempts;
        this.iamRole = iamRole;
    }

    public String region() {
        return region;
    }

    /** The configured endpoint, or the regional AWS endpoint in words. */
    public String endpoint() {
        return endpointOverride != null
                ? endpointOverride
                : "the AWS Kinesis endpoint of region " + region;
    }

    public boolean isOverridden() {
        return endpointOverride != null;
    }

    /** The configured number of attempts per call. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public IamRole iamRole() {
        return iamRole;
    }

    @Override
    public String toString() {
        return endpoint() + " (region " + region + ", aws.iam-role=" + iamRole + ")";
    }
}
