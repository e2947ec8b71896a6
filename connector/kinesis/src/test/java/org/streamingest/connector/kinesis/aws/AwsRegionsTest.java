package org.streamingest.connector.kinesis.aws;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class AwsRegionsTest {
    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/orders";
    private final AtomicInteger chainCalls = new AtomicInteger();
    private final Supplier<String> chain =
            () -> {
                chainCalls.incrementAndGet();
                return "ap-south-1";
            };

    @Test
    void optionWinsOverEverything() {
        assertThat(AwsRegions.resolve("us-west-2", "http://127.0.0.1:1", ARN, chain))
                .isEqualTo("us-west-2");
        assertThat(chainCalls).hasValue(0);
    }

    @Test
    void arnRegionComesNext() {
        assertThat(AwsRegions.resolve(null, "http://127.0.0.1:1", ARN, chain))
                .isEqualTo("eu-west-1");
        assertThat(AwsRegions.resolve(" ", null, ARN + "/consumer/c:1", chain))
                .isEqualTo("eu-west-1");
    }

    @Test
    void endpointOverrideWithoutRegionIsUsEast1() {
        assertThat(AwsRegions.resolve(null, "http://127.0.0.1:4567", null, chain))
                .isEqualTo("us-east-1");
        assertThat(chainCalls).hasValue(0);
    }

    @Test
    void otherwiseTheSdkChainDecides() {
        assertThat(AwsRegions.resolve(null, null, null, chain)).isEqualTo("ap-south-1");
        assertThat(AwsRegions.resolve(null, null, "orders", chain)).isEqualTo("ap-south-1");
    }

    @Test
    void regionOfArnReadsTheFourthField() {
        assertThat(AwsRegions.regionOfArn(ARN)).isEqualTo("eu-west-1");
        assertThat(AwsRegions.regionOfArn("arn:aws:iam::123456789012:role/x")).isNull();
        assertThat(AwsRegions.regionOfArn("orders")).isNull();
        assertThat(AwsRegions.regionOfArn(null)).isNull();
    }
}
