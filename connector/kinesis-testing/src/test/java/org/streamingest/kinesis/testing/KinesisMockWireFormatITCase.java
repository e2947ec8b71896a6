package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kinesis-mock accepts both wire formats, so connector tests work whether or not kinesalite has
 * already switched this JVM to JSON.
 */
@Timeout(60)
class KinesisMockWireFormatITCase implements KinesisMockTest {

    @Test
    void roundTripsWithCbor() {
        assertThat(roundTripContentTypes("true")).containsExactly("application/x-amz-cbor-1.1");
    }

    @Test
    void roundTripsWithJson() {
        assertThat(roundTripContentTypes("false")).containsExactly("application/x-amz-json-1.1");
    }

    private Set<String> roundTripContentTypes(String cborEnabled) {
        Set<String> contentTypes = ConcurrentHashMap.newKeySet();
        try (KinesisClient client = buildClient(cborEnabled, contentTypes)) {
            TestStream stream =
                    new TestStreams(client, KinesisServerKind.KINESIS_MOCK).create("wire", 1);
            List<TestRecord> put = stream.putStrings("a", "b", "c");

            assertThat(stream.readAll()).containsExactlyElementsOf(put);
        }
        return contentTypes;
    }

    /** Builds a client with CBOR on or off, restoring the JVM-global property afterwards. */
    private KinesisClient buildClient(String cborEnabled, Set<String> contentTypes) {
        String previous = System.getProperty(KinesisClients.CBOR_ENABLED_PROPERTY);
        System.setProperty(KinesisClients.CBOR_ENABLED_PROPERTY, cborEnabled);
        try {
            return KinesisClient.builder()
                    .endpointOverride(kinesisMock().endpoint())
                    .region(kinesisMock().region())
                    .credentialsProvider(KinesisClients.credentials())
                    .httpClient(ApacheHttpClient.builder().build())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(recorder(contentTypes)))
                    .build();
        } finally {
            if (previous == null) {
                System.clearProperty(KinesisClients.CBOR_ENABLED_PROPERTY);
            } else {
                System.setProperty(KinesisClients.CBOR_ENABLED_PROPERTY, previous);
            }
        }
    }

    private static ExecutionInterceptor recorder(Set<String> contentTypes) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(
                    Context.BeforeTransmission context, ExecutionAttributes attributes) {
                context.httpRequest()
                        .firstMatchingHeader("Content-Type")
                        .ifPresent(contentTypes::add);
            }
        };
    }
}
