package org.streamingest.warehouse;

import org.streamingest.functions.RedshiftModuleFactory;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseCatalog;
import org.streamingest.warehouse.catalog.WarehouseLocation;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

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

    private final WarehouseLocation location;
    private final FlinkCluster cluster;
    private final Map<String, String> kinesisSettings;
    private final Map<String, String> flinkSettings;
    private final WarehouseCatalog catalog;

    public Warehouse(
            WarehouseLocation location,
            FlinkCluster cluster,
            Map<String, String> kinesisSettings,
            Map<String, String> flinkSettings) {
        this.location = location;
        this.cluster = cluster;
        this.kinesisSettings = Map.copyOf(kinesisSettings);
        this.flinkSettings = Map.copyOf(flinkSettings);
        this.catalog = newCatalog();
    }

    public WarehouseLocation location() {
        return location;
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
        Configuration config = cluster.clientConfig();
        Map<String, String> merged = new HashMap<>(flinkSettings);
        merged.putAll(settings);
        config.addAll(Configuration.fromMap(merged));
        TableEnvironment env = TableEnvironment.create(builder.withConfiguration(config).build());
        env.registerCatalog(CATALOG, new WarehouseCatalog(CATALOG, location, kinesisSettings));
        env.useCatalog(CATALOG);
        env.useDatabase(WarehouseCatalog.PUBLIC);
        env.executeSql("LOAD MODULE " + RedshiftModuleFactory.IDENTIFIER);
        return env;
    }

    private WarehouseCatalog newCatalog() {
        WarehouseCatalog created = new WarehouseCatalog(CATALOG, location, kinesisSettings);
        created.open();
        return created;
    }

    @Override
    public void close() {
        catalog.close();
    }
}
