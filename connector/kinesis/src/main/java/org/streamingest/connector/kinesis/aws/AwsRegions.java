package org.streamingest.connector.kinesis.aws;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import javax.annotation.Nullable;

import java.util.function.Supplier;

/**
 * Which region a client signs for: {@code aws.region} when set; else the region of the ARN the call
 * is about (a stream or consumer ARN); else {@value #LOCAL_SERVER_REGION} when {@code aws.endpoint}
 * points at a local server; else the SDK's default region chain (AWS_REGION, profile, instance).
 */
public final class AwsRegions {

    /** The region local Kinesis servers (kinesis-mock, kinesalite) use by default. */
    public static final String LOCAL_SERVER_REGION = "us-east-1";

    private AwsRegions() {}

    /** The decision above, with the default chain passed in so that it can be tested. */
    public static String resolve(
            @Nullable String regionOption,
            @Nullable String endpointOption,
            @Nullable String arn,
            Supplier<String> defaultChain) {
        if (regionOption != null && !regionOption.isBlank()) {
            return regionOption.trim();
        }
        String arnRegion = regionOfArn(arn);
        if (arnRegion != null) {
            return arnRegion;
        }
        if (endpointOption != null && !endpointOption.isBlank()) {
            return LOCAL_SERVER_REGION;
        }
        return defaultChain.get();
    }

    /** The region field of any ARN ({@code arn:partition:service:region:account:resource}). */
    @Nullable
    public static String regionOfArn(@Nullable String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && !parts[3].isEmpty() ? parts[3] : null;
    }

    /** The SDK's default region chain, with a message saying what to set when it finds nothing. */
    public static String defaultChain() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException(
                    "No AWS region is configured: set '"
                            + AwsOptions.REGION.key()
                            + "' (for example 'us-west-2'), address the stream by its ARN, or set"
                            + " the AWS_REGION environment variable.",
                    e);
        }
    }
}
