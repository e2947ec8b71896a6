package org.streamingest.warehouse.catalog;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

import java.time.Duration;

/**
 * The options of the warehouse catalog ({@code CREATE CATALOG w WITH ('type' =
 * 'streaming-warehouse', ...)}, or the CLI's {@code --warehouse} and {@code --catalog key=value}).
 * Besides these, the connector's {@code aws.*} and {@code scan.*} options apply to the streams of
 * every external schema, and every other key is an Iceberg catalog property passed to the backend
 * as it is ({@code io-impl}, {@code s3.endpoint}, {@code jdbc.user}, {@code credential}, ...).
 */
public final class WarehouseCatalogOptions {

    /** The Iceberg catalogs the warehouse can keep its tables in, by Iceberg's own names. */
    public enum Backend {
        /** Iceberg's Hadoop catalog on a file system path: one machine, no server. */
        HADOOP,
        /** Iceberg's JDBC catalog: SQLite as a file, or a database server such as PostgreSQL. */
        JDBC,
        /** An Iceberg REST catalog server. */
        REST
    }

    public static final ConfigOption<String> WAREHOUSE =
            ConfigOptions.key("warehouse")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Where the warehouse lives: a local directory or a URI such as"
                                    + " file:///data/warehouse or s3://bucket/warehouse. The"
                                    + " Hadoop and JDBC backends keep their Iceberg tables below"
                                    + " it in iceberg/, and the views' pipeline state is kept in"
                                    + " checkpoints/ and savepoints/ unless"
                                    + " pipeline.state-dir says otherwise.");

    public static final ConfigOption<Backend> CATALOG_TYPE =
            ConfigOptions.key("catalog-type")
                    .enumType(Backend.class)
                    .defaultValue(Backend.HADOOP)
                    .withDescription(
                            "The Iceberg catalog that holds the warehouse's schemas and tables:"
                                    + " hadoop (a path, the embedded default), jdbc (needs uri)"
                                    + " or rest (needs uri). Use catalog-impl for any other.");

    public static final ConfigOption<String> CATALOG_IMPL =
            ConfigOptions.key("catalog-impl")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The class name of any other Iceberg catalog, instead of"
                                    + " catalog-type; its properties pass through as the other"
                                    + " keys.");

    public static final ConfigOption<String> URI =
            ConfigOptions.key("uri")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The backend's address: a JDBC URL (jdbc:sqlite:/path/catalog.db,"
                                    + " jdbc:postgresql://host:5432/db) or the REST catalog's"
                                    + " base URL (http://host:8181).");

    public static final ConfigOption<String> STATE_DIR =
            ConfigOptions.key("pipeline.state-dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Where the views' pipelines keep their checkpoints and savepoints;"
                                    + " the warehouse location by default. Every Flink"
                                    + " JobManager and TaskManager must reach it.");

    public static final ConfigOption<Duration> LEASE_TIMEOUT =
            ConfigOptions.key("lease.timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How long a process's lease on a view lasts without renewal (it"
                                    + " renews every third of it). A process that died loses"
                                    + " its views after this long, and the next one takes them"
                                    + " over.");

    public static final ConfigOption<Duration> AUTO_REFRESH_INTERVAL =
            ConfigOptions.key("auto-refresh.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "How often the pipeline of an AUTO REFRESH YES view commits: its"
                                    + " checkpoint interval, since every checkpoint commits one"
                                    + " Iceberg snapshot. New records are queryable about this"
                                    + " long after they reach the stream. At least 10 ms (Flink's"
                                    + " shortest checkpoint interval). Flink's own"
                                    + " execution.checkpointing.interval given to the session"
                                    + " (--conf) overrides it, and a view's own interval overrides"
                                    + " both. Views without auto refresh are not affected: a"
                                    + " REFRESH commits when it ends.");

    public static final ConfigOption<Integer> RESTART_ATTEMPTS =
            ConfigOptions.key("pipeline.restart-attempts")
                    .intType()
                    .defaultValue(2)
                    .withDescription(
                            "How often a view's pipeline is restarted after a failure before it"
                                    + " stops (Flink's fixed-delay restart strategy); 0 stops it"
                                    + " at the first failure. A record the view cannot process"
                                    + " fails again on every restart, so a REFRESH reports it"
                                    + " after this many restarts; transient Kinesis errors are"
                                    + " retried inside the connector. Flink's own"
                                    + " restart-strategy.* keys given to the session (--conf)"
                                    + " override it.");

    public static final ConfigOption<Duration> RESTART_DELAY =
            ConfigOptions.key("pipeline.restart-delay")
                    .durationType()
                    .defaultValue(Duration.ofMillis(500))
                    .withDescription(
                            "How long a failed pipeline waits before each restart"
                                    + " (pipeline.restart-attempts). Flink's own"
                                    + " restart-strategy.fixed-delay.delay given to the session"
                                    + " (--conf) overrides it.");

    public static final ConfigOption<Duration> MAINTENANCE_INTERVAL =
            ConfigOptions.key("maintenance.interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "How often the process that runs the pipelines of AUTO REFRESH YES"
                                    + " views (it holds their leases) maintains their tables:"
                                    + " rewrites their small files, then expires snapshots older"
                                    + " than maintenance.snapshot-retention. On a thread of its"
                                    + " own, beside the pipelines, which go on committing. 0"
                                    + " switches it off; the procedures work either way.");

    public static final ConfigOption<Duration> MAINTENANCE_SNAPSHOT_RETENTION =
            ConfigOptions.key("maintenance.snapshot-retention")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "How long a snapshot of a view's table is kept before"
                                    + " expire_snapshots expires it (its older_than defaults to"
                                    + " now minus this), together with the files only it"
                                    + " referenced. An AUTO REFRESH view commits a snapshot every"
                                    + " auto-refresh.interval; a query that runs longer than this"
                                    + " on an old snapshot may find its files gone.");

    public static final ConfigOption<Integer> MAINTENANCE_RETAIN_LAST =
            ConfigOptions.key("maintenance.retain-last")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "How many of a table's newest snapshots expire_snapshots keeps"
                                    + " whatever their age (its retain_last defaults to this); at"
                                    + " least 1. The newest snapshot a view's pipeline committed,"
                                    + " and those after it, are always kept.");

    public static final ConfigOption<MemorySize> MAINTENANCE_TARGET_FILE_SIZE =
            ConfigOptions.key("maintenance.target-file-size")
                    .memoryType()
                    .defaultValue(MemorySize.ofMebiBytes(128))
                    .withDescription(
                            "The size of the files rewrite_data_files writes: it packs smaller"
                                    + " data files into files of about this size (its"
                                    + " target_file_size defaults to this).");

    public static final ConfigOption<Duration> MAINTENANCE_ORPHAN_FILE_AGE =
            ConfigOptions.key("maintenance.orphan-file-age")
                    .durationType()
                    .defaultValue(Duration.ofDays(3))
                    .withDescription(
                            "How old a file below a table's location that nothing refers to"
                                    + " must be before remove_orphan_files deletes it (its"
                                    + " older_than defaults to now minus this); at least 1 h."
                                    + " A pipeline restored from a checkpoint commits files it"
                                    + " wrote before it stopped, so this must exceed how long a"
                                    + " view may stay failed or suspended.");

    private WarehouseCatalogOptions() {}
}
