package org.streamingest.connector.kinesis.testutils;

import org.streamingest.connector.kinesis.proxy.FanOutProxy;
import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.RecordBatch;
import org.streamingest.connector.kinesis.proxy.ShardInfo;
import org.streamingest.connector.kinesis.proxy.StreamDescription;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.connector.kinesis.proxy.StreamProxy;
import org.streamingest.connector.kinesis.source.ProxyFactory;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control plane of a Kinesis account as far as a catalog sees it: a set of streams that can be
 * listed and described, names matched exactly (case sensitive). It is its own {@link ProxyFactory}
 * and counts how often it was opened and closed. It reads no records: the catalog never does.
 */
public final class CatalogFakeProxy implements StreamProxy, ProxyFactory {
    private static final long serialVersionUID = 1L;

    private final Map<String, StreamDescription> streams = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private KinesisConnectorException failure;
    private int created;
    private int closed;

    /** Adds an ACTIVE stream with the ARN kinesis-mock would give it. */
    public CatalogFakeProxy withStream(String name) {
        streams.put(
                name,
                new StreamDescription(
                        name,
                        "arn:aws:kinesis:us-east-1:000000000000:stream/" + name,
                        "ACTIVE",
                        24,
                        1));
        return this;
    }

    /** Every later call fails with this error, as an unreachable endpoint would. */
    public CatalogFakeProxy failingWith(KinesisConnectorException error) {
        this.failure = error;
        return this;
    }

    /** The calls made so far, for example {@code "describeStream(Orders)"}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public int created() {
        return created;
    }

    public int closed() {
        return closed;
    }

    @Override
    public StreamProxy createStreamProxy() {
        created++;
        return this;
    }

    @Override
    public FanOutProxy createFanOutProxy() {
        throw new UnsupportedOperationException("A catalog never subscribes to shards.");
    }

    @Override
    public List<String> listStreams() {
        call("listStreams()");
        return new ArrayList<>(streams.keySet());
    }

    @Override
    public StreamDescription describeStream(StreamId stream) {
        call("describeStream(" + stream + ")");
        StreamDescription description = streams.get(stream.name());
        if (description == null) {
            throw new StreamNotFoundException(
                    "Stream '" + stream.name() + "' not found in us-east-1.", null);
        }
        return description;
    }

    @Override
    public List<ShardInfo> listShards(StreamId stream, String exclusiveStartShardId) {
        throw new UnsupportedOperationException("A catalog never lists shards.");
    }

    @Override
    public RecordBatch getRecords(
            StreamId stream, String shardId, StartingPosition position, int maxRecords) {
        throw new UnsupportedOperationException("A catalog never reads records.");
    }

    @Override
    public void close() {
        closed++;
    }

    private void call(String call) {
        calls.add(call);
        if (failure != null) {
            throw failure;
        }
    }
}
