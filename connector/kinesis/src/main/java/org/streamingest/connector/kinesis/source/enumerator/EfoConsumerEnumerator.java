package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.proxy.FanOutProxy;
import org.streamingest.connector.kinesis.source.reader.fanout.EfoConsumerRegistrar;
import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;

import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;

import javax.annotation.Nullable;

import java.util.List;

/**
 * The enumerator of an enhanced fan-out source: before shards are handed out it registers the
 * consumer (JOB_MANAGED) or checks that it exists (SELF_MANAGED), and when the job ends it
 * deregisters a consumer it registered. Everything else is the wrapped enumerator's.
 */
public final class EfoConsumerEnumerator
        implements SplitEnumerator<KinesisShardSplit, KinesisSourceEnumeratorState> {
    private final KinesisSourceEnumerator enumerator;
    private final EfoConsumerRegistrar registrar;
    private final FanOutProxy fanOutProxy;

    public EfoConsumerEnumerator(
            KinesisSourceEnumerator enumerator,
            EfoConsumerRegistrar registrar,
            FanOutProxy fanOutProxy) {
        this.enumerator = enumerator;
        this.registrar = registrar;
        this.fanOutProxy = fanOutProxy;
    }

    @Override
    public void start() {
        registrar.registerOrVerify();
        enumerator.start();
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        enumerator.handleSplitRequest(subtaskId, requesterHostname);
    }

    @Override
    public void addSplitsBack(List<KinesisShardSplit> splits, int subtaskId) {
        enumerator.addSplitsBack(splits, subtaskId);
    }

    @Override
    public void addReader(int subtaskId) {
        enumerator.addReader(subtaskId);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
        enumerator.handleSourceEvent(subtaskId, sourceEvent);
    }

    @Override
    public KinesisSourceEnumeratorState snapshotState(long checkpointId) throws Exception {
        return enumerator.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        enumerator.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void close() {
        try {
            enumerator.close();
        } finally {
            try {
                registrar.deregisterIfJobManaged();
            } finally {
                fanOutProxy.close();
            }
        }
    }
}
