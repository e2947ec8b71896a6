package org.streamingest.connector.kinesis.proxy;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsRequest;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A hand-written {@link KinesisClient} (the SDK interface's defaults throw for everything else)
 * over one shard of {@code records} sequence numbers "1".."n" that ends when {@code closed}. An
 * iterator is "it:<index>:<generation>"; expiring bumps the generation so old iterators fail.
 * ListStreams/ListShards answer from scripted pages. Every request is recorded.
 */
final class FakeKinesisClient implements KinesisClient {
    final List<Object> requests = new ArrayList<>();
    final Deque<ListStreamsResponse> streamPages = new ArrayDeque<>();
    final Deque<ListShardsResponse> shardPages = new ArrayDeque<>();
    int records;
    boolean closed;
    int generation;
    int expireNext;

    FakeKinesisClient(int records, boolean closed) {
        this.records = records;
        this.closed = closed;
    }

    /** The next {@code n} GetRecords calls see their iterator expired. */
    void expireNext(int n) {
        expireNext = n;
    }

    long calls(Class<?> type) {
        return requests.stream().filter(type::isInstance).count();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest r) {
        requests.add(r);
        int index;
        switch (r.shardIteratorType()) {
            case TRIM_HORIZON:
                index = 0;
                break;
            case LATEST:
                index = records;
                break;
            case AT_SEQUENCE_NUMBER:
                index = Integer.parseInt(r.startingSequenceNumber()) - 1;
                break;
            case AFTER_SEQUENCE_NUMBER:
                index = Integer.parseInt(r.startingSequenceNumber());
                break;
            default:
                throw new UnsupportedOperationException(r.shardIteratorTypeAsString());
        }
        return GetShardIteratorResponse.builder().shardIterator(iterator(index)).build();
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest r) {
        requests.add(r);
        String[] parts = r.shardIterator().split(":");
        if (expireNext > 0 || Integer.parseInt(parts[2]) != generation) {
            if (expireNext > 0) {
                expireNext--;
                generation++;
            }
            throw ExpiredIteratorException.builder().message("expired").build();
        }
        int from = Integer.parseInt(parts[1]);
        int to = Math.min(records, from + r.limit());
        List<Record> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(
                    Record.builder()
                            .sequenceNumber(Integer.toString(i + 1))
                            .partitionKey("pk")
                            .approximateArrivalTimestamp(Instant.ofEpochMilli(i))
                            .data(SdkBytes.fromUtf8String("r" + (i + 1)))
                            .build());
        }
        boolean end = closed && to == records && from == to;
        return GetRecordsResponse.builder()
                .records(batch)
                .nextShardIterator(end ? null : iterator(to))
                .millisBehindLatest((long) (records - to))
                .build();
    }

    @Override
    public ListStreamsResponse listStreams(ListStreamsRequest r) {
        requests.add(r);
        return streamPages.remove();
    }

    @Override
    public ListShardsResponse listShards(ListShardsRequest r) {
        requests.add(r);
        return shardPages.remove();
    }

    private String iterator(int index) {
        return "it:" + index + ":" + generation;
    }

    @Override
    public String serviceName() {
        return "kinesis";
    }

    @Override
    public void close() {}
}
