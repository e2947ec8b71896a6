package org.streamingest.connector.kinesis.source;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

import java.time.Duration;

/** Options of the Kinesis source, shared by the DataStream builder and the table connector. */
public final class KinesisSourceOptions {

    /** Where a shard is read from when there is no checkpointed position. */
    public enum InitialPosition {
        /** The oldest record still in the stream (Redshift's behaviour). */
        TRIM_HORIZON,
        /** Records put after the job started. */
        LATEST,
        /** Records that arrived at or after 'scan.stream.initial-timestamp'. */
        AT_TIMESTAMP
    }

    /** How records are fetched. */
    public enum ReaderType {
        /** GetRecords polling, shared read throughput (5 calls/s and 2 MB/s per shard). */
        POLLING,
        /** Enhanced fan-out (SubscribeToShard): a dedicated 2 MB/s per shard for this consumer. */
        EFO
    }

    /** Who owns the EFO consumer registration. */
    public enum EfoLifecycle {
        /** The job registers the consumer at start and deregisters it when it ends. */
        JOB_MANAGED,
        /** The consumer exists already; the job only looks it up. */
        SELF_MANAGED
    }

    public static final ConfigOption<InitialPosition> INITIAL_POSITION =
            ConfigOptions.key("scan.stream.initial-position")
                    .enumType(InitialPosition.class)
                    .defaultValue(InitialPosition.TRIM_HORIZON)
                    .withDescription(
                            "Where to start reading shards that have no checkpointed position.");

    public static final ConfigOption<String> INITIAL_TIMESTAMP =
            ConfigOptions.key("scan.stream.initial-timestamp")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Start time for AT_TIMESTAMP: ISO-8601 with offset"
                                    + " ('2026-11-01T12:00:00Z') or epoch milliseconds.");

    public static final ConfigOption<Duration> SHARD_DISCOVERY_INTERVAL =
            ConfigOptions.key("scan.shard.discovery-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "How often the enumerator lists shards to find those created by"
                                    + " resharding.");

    public static final ConfigOption<Integer> GET_RECORDS_MAX =
            ConfigOptions.key("scan.shard.get-records.max-record-count")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Largest number of records one GetRecords call asks for (1 to 10000).");

    public static final ConfigOption<Duration> IDLE_SHARD_INTERVAL =
            ConfigOptions.key("scan.shard.idle-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(250))
                    .withDescription(
                            "How long a shard whose last GetRecords returned nothing waits before it"
                                    + " is polled again.");

    public static final ConfigOption<ReaderType> READER_TYPE =
            ConfigOptions.key("scan.reader.type")
                    .enumType(ReaderType.class)
                    .defaultValue(ReaderType.POLLING)
                    .withDescription(
                            "How records are fetched: GetRecords polling or enhanced fan-out.");

    public static final ConfigOption<String> EFO_CONSUMER_NAME =
            ConfigOptions.key("scan.efo.consumer-name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Name of the enhanced fan-out consumer; required with EFO.");

    public static final ConfigOption<EfoLifecycle> EFO_LIFECYCLE =
            ConfigOptions.key("scan.efo.lifecycle")
                    .enumType(EfoLifecycle.class)
                    .defaultValue(EfoLifecycle.JOB_MANAGED)
                    .withDescription("Whether the job registers and deregisters the EFO consumer.");

    public static final ConfigOption<Duration> EFO_SUBSCRIPTION_TIMEOUT =
            ConfigOptions.key("scan.efo.subscription-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "How long a SubscribeToShard call may take to deliver its first event.");

    public static final ConfigOption<MemorySize> RECORD_MAX_SIZE =
            ConfigOptions.key("scan.record.max-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1mb"))
                    .withDescription(
                            "Largest record payload accepted (Kinesis allows up to 10 MiB). A larger"
                                    + " record stops the source with an error naming stream, shard and"
                                    + " sequence number; every record before it stays committed.");

    public static final ConfigOption<String> REFRESH_START_TIME =
            ConfigOptions.key("scan.refresh.start-time")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Start of a manual refresh: ISO-8601 with offset"
                                    + " ('2026-11-01T12:00:00Z') or epoch milliseconds. When set,"
                                    + " every record carries this refresh time, each shard stops"
                                    + " being read once every record that was in it at that time"
                                    + " was emitted, and the reader gauge 'refreshCaughtUp' turns 1"
                                    + " when all shards got there. Polling reader only.");

    private KinesisSourceOptions() {}
}
