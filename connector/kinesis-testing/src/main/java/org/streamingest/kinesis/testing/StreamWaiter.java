package org.streamingest.kinesis.testing;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Polls a stream's status and shards until a condition holds or a deadline passes. */
final class StreamWaiter {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private final KinesisClient client;
    private final String streamName;

    StreamWaiter(KinesisClient client, String streamName) {
        this.client = client;
        this.streamName = streamName;
    }

    /** Waits until the stream is ACTIVE and its shards satisfy {@code shardsCondition}. */
    List<Shard> awaitActive(String what, Predicate<List<Shard>> shardsCondition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        StreamStatus status = null;
        List<Shard> shards = List.of();
        while (System.nanoTime() < deadline) {
            status =
                    client.describeStreamSummary(r -> r.streamName(streamName))
                            .streamDescriptionSummary()
                            .streamStatus();
            if (status == StreamStatus.ACTIVE) {
                shards = listShards();
                if (shardsCondition.test(shards)) {
                    return shards;
                }
            }
            sleep();
        }
        throw new IllegalStateException(
                "Stream "
                        + streamName
                        + " did not become ACTIVE"
                        + (what.isEmpty() ? "" : " " + what)
                        + " within "
                        + TIMEOUT.toSeconds()
                        + " s"
                        + "; last status "
                        + status
                        + ", shards "
                        + shards.stream().map(Shard::shardId).toList());
    }

    /** Waits until the stream is gone: DeleteStream only starts the deletion. */
    void awaitDeleted() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                client.describeStreamSummary(r -> r.streamName(streamName));
            } catch (ResourceNotFoundException gone) {
                return;
            }
            sleep();
        }
        throw new IllegalStateException(
                "Stream " + streamName + " was not deleted within " + TIMEOUT.toSeconds() + " s");
    }

    /** All shards, open and closed, in id order; follows NextToken where the server pages. */
    List<Shard> listShards() {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = client.listShards(r -> r.streamName(streamName));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = client.listShards(r -> r.nextToken(token));
            shards.addAll(page.shards());
        }
        shards.sort((a, b) -> a.shardId().compareTo(b.shardId()));
        return shards;
    }

    static boolean isOpen(Shard shard) {
        return shard.sequenceNumberRange().endingSequenceNumber() == null;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a stream", e);
        }
    }
}
