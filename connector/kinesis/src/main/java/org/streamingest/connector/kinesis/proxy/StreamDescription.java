package org.streamingest.connector.kinesis.proxy;

import java.util.Objects;

/** Summary of a stream: its name, ARN, status and retention. */
public final class StreamDescription {
    private final String name;
    private final String arn;
    private final String status;
    private final int retentionHours;
    private final int openShardCount;

    public StreamDescription(
            String name, String arn, String status, int retentionHours, int openShardCount) {
        this.name = Objects.requireNonNull(name, "name");
        this.arn = arn;
        this.status = status;
        this.retentionHours = retentionHours;
        this.openShardCount = openShardCount;
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    /** CREATING, ACTIVE, UPDATING or DELETING. */
    public String status() {
        return status;
    }

    public int retentionHours() {
        return retentionHours;
    }

    public int openShardCount() {
        return openShardCount;
    }

    @Override
    public String toString() {
        return name + "(" + status + ", " + openShardCount + " open shards)";
    }
}
