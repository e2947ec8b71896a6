package org.streamingest.connector.kinesis.proxy;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Test-side Kinesis client that prepares streams (create, put, split) on a local server, signing
 * with fixed fake credentials. The connector under test reaches the same server through its own
 * clients and the default credential chain, which {@link #useFakeDefaultCredentials()} feeds.
 */
final class KinesisTestStreams implements AutoCloseable {
    static final String ACCESS_KEY = "AKIAFAKEDEFAULTCHAIN";
    static final String SECRET_KEY = "fakeSecretOfTheDefaultChain0000000000000";

    private final KinesisClient client;

    KinesisTestStreams(String endpoint) {
        this.client =
                KinesisClient.builder()
                        .endpointOverride(URI.create(endpoint))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                        .httpClient(ApacheHttpClient.builder().build())
                        .build();
    }

    /** The default chain reads system properties first: local servers accept any key. */
    static void useFakeDefaultCredentials() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String create(String name, int shards) throws InterruptedException {
        client.createStream(r -> r.streamName(name).shardCount(shards));
        awaitActive(name);
        return client.describeStreamSummary(r -> r.streamName(name))
                .streamDescriptionSummary()
                .streamARN();
    }

    /** Puts {@code values} in order; each record's partition key is its value. */
    List<String> put(String stream, List<String> values, String explicitHashKey) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (String v : values) {
            entries.add(
                    PutRecordsRequestEntry.builder()
                            .partitionKey(v)
                            .explicitHashKey(explicitHashKey)
                            .data(SdkBytes.fromString(v, StandardCharsets.UTF_8))
                            .build());
        }
        PutRecordsResponse response = client.putRecords(r -> r.streamName(stream).records(entries));
        if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
            throw new IllegalStateException(response.failedRecordCount() + " records failed");
        }
        List<String> shardIds = new ArrayList<>();
        response.records().forEach(r -> shardIds.add(r.shardId()));
        return shardIds;
    }

    /** Splits a shard at the middle of its hash range and waits until the stream is ACTIVE. */
    void split(String stream, String shardId) throws InterruptedException {
        var shard =
                client.listShards(r -> r.streamName(stream)).shards().stream()
                        .filter(s -> s.shardId().equals(shardId))
                        .findFirst()
                        .orElseThrow();
        BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
        String middle = start.add(end).shiftRight(1).toString();
        client.splitShard(
                r -> r.streamName(stream).shardToSplit(shardId).newStartingHashKey(middle));
        awaitActive(stream);
    }

    private void awaitActive(String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            StreamStatus status =
                    client.describeStreamSummary(r -> r.streamName(name))
                            .streamDescriptionSummary()
                            .streamStatus();
            if (status == StreamStatus.ACTIVE) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("Stream " + name + " did not become ACTIVE");
    }

    @Override
    public void close() {
        client.close();
    }
}
