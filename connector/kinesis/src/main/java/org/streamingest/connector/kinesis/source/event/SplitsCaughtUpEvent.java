package org.streamingest.connector.kinesis.source.event;

import org.apache.flink.api.connector.source.SourceEvent;

import java.util.Set;

/**
 * Reader to enumerator, during a manual refresh only: these shards were read up to the tip they had
 * when the refresh began, every record of that was emitted, and the reader stopped fetching them.
 */
public final class SplitsCaughtUpEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;

    private final Set<String> caughtUpSplitIds;

    public SplitsCaughtUpEvent(Set<String> caughtUpSplitIds) {
        this.caughtUpSplitIds = Set.copyOf(caughtUpSplitIds);
    }

    public Set<String> caughtUpSplitIds() {
        return caughtUpSplitIds;
    }

    @Override
    public String toString() {
        return "SplitsCaughtUpEvent" + caughtUpSplitIds;
    }
}
