package org.streamingest.connector.kinesis.source.event;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Enumerator to every reader, during a manual refresh only: every shard is finished or caught up
 * with the stream as it was when the refresh began, and no shard waits to be assigned. Readers then
 * report {@code refreshCaughtUp = 1}.
 */
public final class RefreshCaughtUpEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean equals(Object o) {
        return o instanceof RefreshCaughtUpEvent;
    }

    @Override
    public int hashCode() {
        return RefreshCaughtUpEvent.class.hashCode();
    }

    @Override
    public String toString() {
        return "RefreshCaughtUpEvent";
    }
}
