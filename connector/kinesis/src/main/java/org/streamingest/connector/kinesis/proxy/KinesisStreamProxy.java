package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.aws.AwsClientFactory;
import org.streamingest.connector.kinesis.aws.KinesisEndpoint;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsRequest;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link StreamProxy} on the sync SDK client. A stream addressed by ARN is sent as {@code
 * StreamARN}, one addressed by name as {@code StreamName} (kinesalite knows names only).
 *
 * <p>GetRecords keeps each shard's next iterator (see {@link ShardIteratorCache}) and asks for a
 * new one only when the requested position is not the one the cached iterator continues. An expired
 * iterator is re-acquired from the requested position and the call retried once. Throttling and
 * transient errors are retried inside the SDK call (see {@code AwsRetryStrategies}).
 */
public final class KinesisStreamProxy implements StreamProxy {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisStreamProxy.class);
    private static final int MAX_GET_RECORDS = 10_000;

    private final Function<String, KinesisClient> clients;
    private final Function<String, KinesisEndpoint> endpoints;
    private final AutoCloseable resources;
    private final ShardIteratorCache iterators = new ShardIteratorCache();
    private final Integer listShardsPageSize;

    public KinesisStreamProxy(AwsClientFactory clients) {
        this(clients, null);
    }

    /** With a page size for ListShards ({@code null}: the service's default, 1000). */
    public KinesisStreamProxy(AwsClientFactory clients, Integer listShardsPageSize) {
        this(clients::kinesis, clients::endpoint, clients, listShardsPageSize);
    }

    /**
     * @param clients the client for calls about an ARN (null: the stream is addressed by name)
     * @param endpoints where those calls go, for error messages
     * @param resources closed with the proxy
     */
    KinesisStreamProxy(
            Function<String, KinesisClient> clients,
            Function<String, KinesisEndpoint> endpoints,
            AutoCloseable resources,
            Integer listShardsPageSize) {
        this.clients = clients;
        this.endpoints = endpoints;
        this.resources = resources;
        this.listShardsPageSize = listShardsPageSize;
    }

    @Override
    public List<String> listStreams() {
        KinesisClient client = clients.apply(null);
        Set<String> names = new LinkedHashSet<>();
        ListStreamsRequest request = ListStreamsRequest.builder().build();
        while (true) {
            ListStreamsResponse page = call("ListStreams", "the streams", client, request);
            int before = names.size();
            names.addAll(page.streamNames());
            boolean progressed = names.size() > before;
            if (page.nextToken() != null && progressed) {
                request = ListStreamsRequest.builder().nextToken(page.nextToken()).build();
            } else if (Boolean.TRUE.equals(page.hasMoreStreams()) && progressed) {
                String last = page.streamNames().get(page.streamNames().size() - 1);
                request = ListStreamsRequest.builder().exclusiveStartStreamName(last).build();
            } else {
                return new ArrayList<>(names);
            }
        }
    }

    @Override
    public StreamDescription describeStream(StreamId stream) {
        DescribeStreamSummaryRequest.Builder b = DescribeStreamSummaryRequest.builder();
        DescribeStreamSummaryRequest request =
                stream.isArn()
                        ? b.streamARN(stream.arn()).build()
                        : b.streamName(stream.name()).build();
        StreamDescriptionSummary s =
                call(
                                "DescribeStreamSummary",
                                subject(stream),
                                stream,
                                () -> client(stream).describeStreamSummary(request))
                        .streamDescriptionSummary();
        return new StreamDescription(
                s.streamName(),
                s.streamARN(),
                s.streamStatusAsString(),
                s.retentionPeriodHours() == null ? 24 : s.retentionPeriodHours(),
                s.openShardCount() == null ? 0 : s.openShardCount());
    }

    @Override
    public List<ShardInfo> listShards(StreamId stream, String exclusiveStartShardId) {
        ListShardsRequest.Builder first =
                ListShardsRequest.builder().maxResults(listShardsPageSize);
        if (stream.isArn()) {
            first.streamARN(stream.arn());
        } else {
            first.streamName(stream.name());
        }
        // ExclusiveStartShardId rather than ShardFilter AFTER_SHARD_ID: same meaning on AWS and
        // kinesis-mock, and kinesalite honours it (it ignores ShardFilter).
        first.exclusiveStartShardId(exclusiveStartShardId);
        List<ShardInfo> shards = new ArrayList<>();
        ListShardsRequest request = first.build();
        while (true) {
            ListShardsRequest r = request;
            ListShardsResponse page =
                    call("ListShards", subject(stream), stream, () -> client(stream).listShards(r));
            for (Shard shard : page.shards()) {
                shards.add(KinesisProxyConversions.shard(shard));
            }
            if (page.nextToken() == null || page.shards().isEmpty()) {
                return shards;
            }
            // Only NextToken (and MaxResults) may accompany NextToken.
            request =
                    ListShardsRequest.builder()
                            .nextToken(page.nextToken())
                            .maxResults(listShardsPageSize)
                            .build();
        }
    }

    @Override
    public RecordBatch getRecords(
            StreamId stream, String shardId, StartingPosition position, int maxRecords) {
        String key = ShardIteratorCache.key(stream, shardId);
        String subject = "shard '" + shardId + "' of " + subject(stream);
        int limit = Math.max(1, Math.min(maxRecords, MAX_GET_RECORDS));
        String iterator = iterators.iteratorContinuing(key, position);
        if (iterator == null) {
            iterator = shardIterator(stream, shardId, position, subject);
        }
        GetRecordsResponse response;
        try {
            response = getRecords(stream, iterator, limit);
        } catch (ExpiredIteratorException expired) {
            LOG.info("Shard iterator of {} expired; re-acquiring it at {}", subject, position);
            iterators.invalidate(key);
            String fresh = shardIterator(stream, shardId, position, subject);
            response = call("GetRecords", subject, stream, () -> getRecords(stream, fresh, limit));
        } catch (SdkException e) {
            iterators.invalidate(key);
            throw errors(stream).translate("GetRecords", subject, e);
        }
        List<KinesisRecord> records = KinesisProxyConversions.records(response.records());
        String next = response.nextShardIterator();
        iterators.advance(key, next, ShardIteratorCache.positionAfter(position, records));
        Long behind = response.millisBehindLatest();
        return new RecordBatch(records, behind == null ? -1 : behind, next == null);
    }

    private GetRecordsResponse getRecords(StreamId stream, String iterator, int limit) {
        GetRecordsRequest.Builder b =
                GetRecordsRequest.builder().shardIterator(iterator).limit(limit);
        if (stream.isArn()) {
            b.streamARN(stream.arn());
        }
        return client(stream).getRecords(b.build());
    }

    private String shardIterator(
            StreamId stream, String shardId, StartingPosition position, String subject) {
        var request = KinesisProxyConversions.shardIteratorRequest(stream, shardId, position);
        return call(
                        "GetShardIterator",
                        subject,
                        stream,
                        () -> client(stream).getShardIterator(request))
                .shardIterator();
    }

    private KinesisClient client(StreamId stream) {
        return clients.apply(stream.arn());
    }

    private KinesisProxyErrors errors(StreamId stream) {
        return new KinesisProxyErrors(endpoints.apply(stream == null ? null : stream.arn()));
    }

    private <T> T call(String action, String subject, StreamId stream, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw errors(stream).translate(action, subject, e);
        }
    }

    private ListStreamsResponse call(
            String action, String subject, KinesisClient client, ListStreamsRequest request) {
        return call(action, subject, null, () -> client.listStreams(request));
    }

    static String subject(StreamId stream) {
        return "Kinesis stream '" + stream + "'";
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new KinesisConnectorException("Closing the Kinesis clients failed", e);
        }
    }
}
