package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.AwsClientFactory;

import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Finds out whether a shard is closed, for servers whose SubscribeToShard never signals the end of
 * a shard. Kinesis ends a closed shard's subscription with an event without continuation sequence
 * number; kinesis-mock never does (its SubscribeToShardRequest.scala always sets the continuation
 * and no child shards), so a reader would stay on a closed parent forever and its children would
 * never start.
 *
 * <p>The rule built on this is exact: if a shard was closed before a subscription started, no
 * record can arrive after the subscription's first empty event, so that event is the end.
 */
final class KinesisFanOutProxyShardEnds {

    private final AwsClientFactory clients;

    KinesisFanOutProxyShardEnds(AwsClientFactory clients) {
        this.clients = clients;
    }

    /** Whether the shard has an ending sequence number; false when it is not listed. */
    boolean isClosed(String consumerArn, String shardId) {
        String streamArn = streamArnOf(consumerArn);
        ListShardsRequest request = ListShardsRequest.builder().streamARN(streamArn).build();
        try {
            while (true) {
                ListShardsResponse page =
                        clients.kinesisAsync(streamArn).listShards(request).join();
                for (Shard shard : page.shards()) {
                    if (shard.shardId().equals(shardId)) {
                        return KinesisProxyConversions.shard(shard).closed();
                    }
                }
                if (page.nextToken() == null || page.shards().isEmpty()) {
                    return false;
                }
                request = ListShardsRequest.builder().nextToken(page.nextToken()).build();
            }
        } catch (RuntimeException e) {
            throw new KinesisProxyErrors(clients.endpoint(streamArn))
                    .translate("ListShards", "Kinesis stream '" + streamArn + "'", e);
        }
    }

    /**
     * {@code arn:...:stream/<name>/consumer/<consumer>:<epoch>} to {@code arn:...:stream/<name>}.
     */
    static String streamArnOf(String consumerArn) {
        int consumer = consumerArn.indexOf("/consumer/");
        if (consumer < 0) {
            throw new IllegalArgumentException(
                    "'"
                            + consumerArn
                            + "' is not a Kinesis consumer ARN (…:stream/<name>/consumer/…)");
        }
        return consumerArn.substring(0, consumer);
    }
}
