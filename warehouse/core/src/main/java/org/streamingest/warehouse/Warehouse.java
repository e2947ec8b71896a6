package org.streamingest.warehouse;

import org.streamingest.functions.RedshiftModuleFactory;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseCatalog;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.catalog.WarehouseLocation;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.module.CoreModuleFactory;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

import java.util.HashMap;
import java.util.Map;

/**
 * A session on a warehouse: its location, the Flink cluster that runs its work, the session's
 * Kinesis settings ({@code aws.*}, {@code scan.*}) and Flink settings ({@code --conf}). Hands out
 * TableEnvironments whose current catalog is the warehouse ({@value #CATALOG}) with the Redshift
 * functions loaded.
 */
public final class Warehouse implements AutoCloseable {

    /** Name of the warehouse catalog in every TableEnvironment. */
    public static final String CATALOG = "redshift";

    private final WarehouseConfig config;
    private final FlinkCluster cluster;
    private final Map<String, String> flinkSettings;
    private final WarehouseCatalog catalog;

    /** A session on the warehouse of {@code config} (the warehouse catalog's options). */
    public Warehouse(
            WarehouseConfig config, FlinkCluster cluster, Map<String, String> flinkSettings) {
        this.config = config;
        this.cluster = cluster;
        this.flinkSettings = Map.copyOf(flinkSettings);
        this.catalog = newCatalog();
    }

    /** A session on the embedded default: Iceberg's Hadoop catalog at {@code location}. */
    public Warehouse(
            WarehouseLocation location,
            FlinkCluster cluster,
            Map<String, String> kinesisSettings,
            Map<String, String> flinkSettings) {
        this(WarehouseConfig.hadoop(location, kinesisSettings), cluster, flinkSettings);
    }

    /** Where the views' pipeline state lives. */
    public WarehouseLocation location() {
        return config.location();
    }

    /** The warehouse catalog's options. */
    public WarehouseConfig config() {
        return config;
    }

    public FlinkCluster cluster() {
        return cluster;
    }

    /** The session's catalog, for metadata operations. */
    public WarehouseCatalog catalog() {
        return catalog;
    }

    /** The Iceberg table of {@code relation} (a view or table of a regular schema). */
    public Table table(ObjectName relation) {
        return catalog.catalog().loadTable(TableIdentifier.of(relation.schema(), relation.name()));
    }

    /** The session's Flink settings ({@code --conf key=value}). */
    public Map<String, String> flinkSettings() {
        return flinkSettings;
    }

    /** A streaming TableEnvironment; {@code settings} override the session's. */
    public TableEnvironment streaming(Map<String, String> settings) {
        return environment(EnvironmentSettings.newInstance().inStreamingMode(), settings);
    }

    /** A batch TableEnvironment for queries over committed snapshots. */
    public TableEnvironment batch() {
        return batch(Map.of());
    }

    /** A batch TableEnvironment; {@code settings} override the session's. */
    public TableEnvironment batch(Map<String, String> settings) {
        return environment(EnvironmentSettings.newInstance().inBatchMode(), settings);
    }

    private TableEnvironment environment(
            EnvironmentSettings.Builder builder, Map<String, String> settings) {
        Configuration flink = cluster.clientConfig();
        Map<String, String> merged = new HashMap<>(flinkSettings);
        merged.putAll(settings);
        flink.addAll(Configuration.fromMap(merged));
        TableEnvironment env = TableEnvironment.create(builder.withConfiguration(flink).build());
        env.registerCatalog(CATALOG, new WarehouseCatalog(CATALOG, config));
        env.useCatalog(CATALOG);
        env.useDatabase(WarehouseCatalog.PUBLIC);
        useRedshiftFunctions(env);
        return env;
    }

    /**
     * Loads the Redshift functions module before Flink's core module, so that where both define a
     * name ({@code DECODE}) Redshift's wins, as it must in the Redshift dialect. Redshift's DECODE
     * still answers Flink's two-argument {@code DECODE(binary, charset)}.
     */
    public static void useRedshiftFunctions(TableEnvironment env) {
        env.executeSql("LOAD MODULE " + RedshiftModuleFactory.IDENTIFIER);
        env.useModules(RedshiftModuleFactory.IDENTIFIER, CoreModuleFactory.IDENTIFIER);
    }

    private WarehouseCatalog newCatalog() {
        WarehouseCatalog created = new WarehouseCatalog(CATALOG, config);
        created.open();
        return created;
    }

    @Override
    public void close() {
        catalog.close();
    }
}
