package org.streamingest.connector.kinesis.source.event;

import org.apache.flink.api.connector.source.SourceEvent;

import java.util.Set;

/**
 * Reader to enumerator: these shards were read to their end. The enumerator then lets their
 * children be assigned, which keeps per-partition-key order across resharding.
 */
public final class SplitsFinishedEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;

    private final Set<String> finishedSplitIds;

    public SplitsFinishedEvent(Set<String> finishedSplitIds) {
        this.finishedSplitIds = Set.copyOf(finishedSplitIds);
    }

    public Set<String> finishedSplitIds() {
        return finishedSplitIds;
    }

    @Override
    public String toString() {
        return "SplitsFinishedEvent" + finishedSplitIds;
    }
}
