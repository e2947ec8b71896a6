package org.streamingest.warehouse.catalog;

import org.streamingest.connector.kinesis.table.KinesisConnectorOptions;
import org.streamingest.connector.kinesis.table.KinesisDynamicTableFactory;
import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.WarehouseCatalogOptions.Backend;
import org.streamingest.warehouse.maintenance.MaintenanceSettings;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.util.TimeUtils;

import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.flink.CatalogLoader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The warehouse catalog's options, checked once ({@link WarehouseCatalogOptions}): which Iceberg
 * catalog backs the warehouse and its properties, where the pipelines keep their state, the
 * settings of the streams of external schemas, how long leases last, and the warehouse's settings
 * of the views' Flink jobs (which the session's own Flink settings override, see {@code
 * JobSettings}). A typo in one of our keys or a missing option fails here with a message naming it
 * and what is valid.
 */
public final class WarehouseConfig {

    private static final List<ConfigOption<?>> DECLARED =
            List.of(
                    WarehouseCatalogOptions.WAREHOUSE,
                    WarehouseCatalogOptions.CATALOG_TYPE,
                    WarehouseCatalogOptions.CATALOG_IMPL,
                    WarehouseCatalogOptions.URI,
                    WarehouseCatalogOptions.STATE_DIR,
                    WarehouseCatalogOptions.LEASE_TIMEOUT,
                    WarehouseCatalogOptions.AUTO_REFRESH_INTERVAL,
                    WarehouseCatalogOptions.RESTART_ATTEMPTS,
                    WarehouseCatalogOptions.RESTART_DELAY,
                    WarehouseCatalogOptions.MAINTENANCE_INTERVAL,
                    WarehouseCatalogOptions.MAINTENANCE_SNAPSHOT_RETENTION,
                    WarehouseCatalogOptions.MAINTENANCE_RETAIN_LAST,
                    WarehouseCatalogOptions.MAINTENANCE_TARGET_FILE_SIZE,
                    WarehouseCatalogOptions.MAINTENANCE_ORPHAN_FILE_AGE);

    /** Flink's shortest checkpoint interval, so the shortest interval of a view's commits. */
    public static final Duration SHORTEST_INTERVAL = Duration.ofMillis(10);

    /** Prefixes of our own keys: an undeclared key with one is a typo, not an Iceberg property. */
    private static final List<String> OURS =
            List.of("pipeline.", "lease.", "auto-refresh.", "maintenance.");

    /** Keys Flink itself adds to a catalog's options. */
    private static final Set<String> FLINK_KEYS =
            Set.of(FactoryUtil.PROPERTY_VERSION.key(), "type", "default-database");

    private final Map<String, String> options;
    private final Backend backend;
    private final String catalogImpl;
    private final WarehouseLocation root;
    private final WarehouseLocation state;
    private final Map<String, String> icebergProperties = new TreeMap<>();
    private final Map<String, String> kinesisSettings = new TreeMap<>();
    private final Duration leaseTimeout;
    private final Duration autoRefreshInterval;
    private final int restartAttempts;
    private final Duration restartDelay;
    private final MaintenanceSettings maintenance;

    private WarehouseConfig(Map<String, String> options) {
        this.options = Map.copyOf(options);
        Configuration config = new Configuration();
        Map<String, String> declared = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            String key = option.getKey();
            if (DECLARED.stream().anyMatch(o -> o.key().equals(key))) {
                declared.put(key, option.getValue());
            } else if (key.startsWith("aws.") || key.startsWith("scan.")) {
                kinesisSettings.put(key, option.getValue());
            } else if (OURS.stream().anyMatch(key::startsWith) || key.equals("connector")) {
                throw unknown(key);
            } else if (!FLINK_KEYS.contains(key)) {
                icebergProperties.put(key, option.getValue());
            }
        }
        checkStreamSettings(kinesisSettings);
        declared.forEach(config::setString);
        String warehouse = config.get(WarehouseCatalogOptions.WAREHOUSE);
        if (warehouse == null || warehouse.isBlank()) {
            throw new WarehouseException(
                    "The warehouse catalog needs the option 'warehouse': a directory or a URI"
                            + " such as file:///data/warehouse or s3://bucket/warehouse.");
        }
        this.root = WarehouseLocation.of(warehouse);
        String stateDir = config.get(WarehouseCatalogOptions.STATE_DIR);
        this.state = stateDir == null ? root : WarehouseLocation.of(stateDir);
        this.catalogImpl = config.get(WarehouseCatalogOptions.CATALOG_IMPL);
        this.backend = backend(declared, catalogImpl);
        this.leaseTimeout =
                atLeast(
                        config,
                        WarehouseCatalogOptions.LEASE_TIMEOUT,
                        Duration.ofSeconds(1),
                        "a duration of at least 1 s, such as '30 s'");
        this.autoRefreshInterval =
                atLeast(
                        config,
                        WarehouseCatalogOptions.AUTO_REFRESH_INTERVAL,
                        SHORTEST_INTERVAL,
                        "a duration of at least 10 ms, such as '1 s'");
        this.restartAttempts =
                atLeast(
                        config,
                        WarehouseCatalogOptions.RESTART_ATTEMPTS,
                        0,
                        "a whole number of at least 0, such as 2");
        this.restartDelay =
                atLeast(
                        config,
                        WarehouseCatalogOptions.RESTART_DELAY,
                        Duration.ZERO,
                        "a duration of at least 0 ms, such as '500 ms'");
        this.maintenance =
                new MaintenanceSettings(
                        atLeast(
                                config,
                                WarehouseCatalogOptions.MAINTENANCE_INTERVAL,
                                Duration.ZERO,
                                "a duration of at least 0 ms (0 switches it off), such as"
                                        + " '10 min'"),
                        atLeast(
                                config,
                                WarehouseCatalogOptions.MAINTENANCE_SNAPSHOT_RETENTION,
                                Duration.ZERO,
                                "a duration of at least 0 ms, such as '10 min'"),
                        atLeast(
                                config,
                                WarehouseCatalogOptions.MAINTENANCE_RETAIN_LAST,
                                1,
                                "a whole number of at least 1, such as 10"),
                        atLeast(
                                        config,
                                        WarehouseCatalogOptions.MAINTENANCE_TARGET_FILE_SIZE,
                                        MemorySize.ofMebiBytes(1),
                                        "a size of at least 1 mb, such as '128 mb'")
                                .getBytes(),
                        atLeast(
                                config,
                                WarehouseCatalogOptions.MAINTENANCE_ORPHAN_FILE_AGE,
                                MaintenanceSettings.SHORTEST_ORPHAN_FILE_AGE,
                                "a duration of at least 1 h, such as '3 d'"));
        String uri = config.get(WarehouseCatalogOptions.URI);
        if (uri != null) {
            icebergProperties.put(CatalogProperties.URI, uri);
        } else if (catalogImpl == null && backend != Backend.HADOOP) {
            throw new WarehouseException(
                    "The warehouse catalog with catalog-type '"
                            + backend.name().toLowerCase(Locale.ROOT)
                            + "' needs the option 'uri': "
                            + (backend == Backend.JDBC
                                    ? "a JDBC URL such as jdbc:sqlite:/data/catalog.db or"
                                            + " jdbc:postgresql://host:5432/warehouse."
                                    : "the REST catalog's base URL such as"
                                            + " http://127.0.0.1:8181."));
        }
        if (catalogImpl != null || backend != Backend.REST) {
            icebergProperties.putIfAbsent(CatalogProperties.WAREHOUSE_LOCATION, root.iceberg());
        }
        if (catalogImpl == null && backend == Backend.HADOOP) {
            icebergProperties.putIfAbsent(
                    CatalogProperties.LOCK_IMPL, LocalFileLockManager.class.getName());
        }
        if (catalogImpl == null && backend == Backend.JDBC) {
            icebergProperties.putIfAbsent("jdbc.schema-version", "V1");
        }
    }

    /** Checks {@code options} (the keys of {@code CREATE CATALOG ... WITH}). */
    public static WarehouseConfig of(Map<String, String> options) {
        return new WarehouseConfig(options);
    }

    /** The embedded default: Iceberg's Hadoop catalog at {@code location}. */
    public static WarehouseConfig hadoop(
            WarehouseLocation location, Map<String, String> kinesisSettings) {
        Map<String, String> options = new LinkedHashMap<>(kinesisSettings);
        options.put(WarehouseCatalogOptions.WAREHOUSE.key(), location.root());
        return of(options);
    }

    /**
     * The name of the Iceberg catalog behind every warehouse catalog, whatever Flink calls it: a
     * JDBC catalog keeps its name in every row, so the CLI's catalog and a session's {@code CREATE
     * CATALOG w} must give the same one to see the same warehouse.
     */
    static final String ICEBERG_NAME = "redshift";

    /** A loader of the backend's Iceberg catalog. */
    public CatalogLoader loader() {
        String name = ICEBERG_NAME;
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        hadoop.set("fs.file.impl", NioLocalFileSystem.class.getName());
        if (catalogImpl != null) {
            return CatalogLoader.custom(name, icebergProperties, hadoop, catalogImpl);
        }
        return switch (backend) {
            case HADOOP -> CatalogLoader.hadoop(name, hadoop, icebergProperties);
            case JDBC ->
                    CatalogLoader.custom(
                            name, icebergProperties, hadoop, "org.apache.iceberg.jdbc.JdbcCatalog");
            case REST -> CatalogLoader.rest(name, hadoop, icebergProperties);
        };
    }

    /**
     * The directory of the Iceberg catalog when it is Iceberg's Hadoop catalog on this machine's
     * file system ({@code file:} URIs), which the catalog itself expects to exist.
     */
    public Optional<Path> localCatalogDirectory() {
        String location = icebergProperties.get(CatalogProperties.WAREHOUSE_LOCATION);
        if (catalogImpl != null
                || backend != Backend.HADOOP
                || location == null
                || !location.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(java.net.URI.create(location)));
    }

    /** The backend for messages: {@code jdbc catalog at jdbc:sqlite:...}. */
    public String describeBackend() {
        String kind = catalogImpl != null ? catalogImpl : backend.name().toLowerCase(Locale.ROOT);
        String where =
                icebergProperties.getOrDefault(
                        CatalogProperties.URI,
                        icebergProperties.get(CatalogProperties.WAREHOUSE_LOCATION));
        return kind + " catalog at " + where;
    }

    /** The options as given, to build the same catalog elsewhere. */
    public Map<String, String> options() {
        return options;
    }

    /** Where the views' pipeline state lives ({@code checkpoints/}, {@code savepoints/}). */
    public WarehouseLocation location() {
        return state;
    }

    /** The {@code aws.*} and {@code scan.*} settings of the streams of external schemas. */
    public Map<String, String> kinesisSettings() {
        return Map.copyOf(kinesisSettings);
    }

    public Duration leaseTimeout() {
        return leaseTimeout;
    }

    /** How often an AUTO REFRESH YES view commits ({@code auto-refresh.interval}). */
    public Duration autoRefreshInterval() {
        return autoRefreshInterval;
    }

    /** Restarts of a failed pipeline before it stops ({@code pipeline.restart-attempts}). */
    public int restartAttempts() {
        return restartAttempts;
    }

    /** The wait before each restart of a failed pipeline ({@code pipeline.restart-delay}). */
    public Duration restartDelay() {
        return restartDelay;
    }

    /** The defaults of the table maintenance procedures ({@code maintenance.*}). */
    public MaintenanceSettings maintenance() {
        return maintenance;
    }

    private static Backend backend(Map<String, String> declared, String catalogImpl) {
        String type = declared.get(WarehouseCatalogOptions.CATALOG_TYPE.key());
        if (type != null && catalogImpl != null) {
            throw new WarehouseException(
                    "The warehouse catalog takes either 'catalog-type' or 'catalog-impl', not"
                            + " both: catalog-impl names any other Iceberg catalog class.");
        }
        if (type == null) {
            return WarehouseCatalogOptions.CATALOG_TYPE.defaultValue();
        }
        try {
            return Backend.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WarehouseException(
                    "Unknown catalog-type '"
                            + type
                            + "' of the warehouse catalog. Valid values: hadoop, jdbc, rest; or"
                            + " set catalog-impl to the class of another Iceberg catalog.");
        }
    }

    /** The value of {@code option}, at least {@code min}; else an error saying what is valid. */
    private static <T extends Comparable<T>> T atLeast(
            Configuration config, ConfigOption<T> option, T min, String valid) {
        try {
            T value = config.get(option);
            if (value.compareTo(min) < 0) {
                throw new IllegalArgumentException(
                        "below "
                                + (min instanceof Duration d
                                        ? TimeUtils.formatWithHighestUnit(d)
                                        : min.toString()));
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new WarehouseException(
                    "Invalid "
                            + option.key()
                            + " of the warehouse catalog ("
                            + e.getMessage()
                            + "): "
                            + valid
                            + ".");
        }
    }

    /**
     * Fails on an {@code aws.*} or {@code scan.*} key the Kinesis connector does not declare, or a
     * value its option cannot read, naming the key, the value and what is expected; then on values
     * that do not go together (the connector's own checks).
     */
    private static void checkStreamSettings(Map<String, String> settings) {
        Set<ConfigOption<?>> declared = KinesisConnectorOptions.awsAndSourceOptions();
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String key = setting.getKey();
            ConfigOption<?> option =
                    declared.stream()
                            .filter(o -> OptionValues.hasKey(o, key))
                            .findFirst()
                            .orElseThrow(() -> unknownStreamOption(key, declared));
            OptionValues.unreadable(option, key, setting.getValue())
                    .ifPresent(
                            expected -> {
                                throw new WarehouseException(
                                        "Invalid value '"
                                                + setting.getValue()
                                                + "' of the Kinesis streams' option "
                                                + key
                                                + ": it expects "
                                                + expected
                                                + ".");
                            });
        }
        try {
            KinesisDynamicTableFactory.validateOptionValues(Configuration.fromMap(settings));
        } catch (ValidationException e) {
            throw new WarehouseException(e.getMessage());
        }
    }

    private static WarehouseException unknownStreamOption(
            String key, Set<ConfigOption<?>> declared) {
        return new WarehouseException(
                "Unknown option '"
                        + key
                        + "' of the Kinesis streams: aws.* and scan.* keys are the connector's,"
                        + " and it has "
                        + declared.stream().map(ConfigOption::key).collect(Collectors.joining(", "))
                        + " (docs/connector-options.md).");
    }

    private static WarehouseException unknown(String key) {
        StringBuilder valid = new StringBuilder();
        for (ConfigOption<?> option : DECLARED) {
            valid.append(valid.length() == 0 ? "" : ", ").append(option.key());
        }
        return new WarehouseException(
                "Unknown option '"
                        + key
                        + "' of the warehouse catalog. Its options: "
                        + valid
                        + ", the connector's aws.* and scan.* options, and the properties of the"
                        + " Iceberg catalog.");
    }
}
