package org.streamingest.warehouse.catalog;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;

import java.util.Set;

/**
 * {@code CREATE CATALOG w WITH ('type' = 'streaming-warehouse', 'warehouse' = '...', ...)}: the
 * streaming warehouse in any Flink session, its options checked by {@link WarehouseConfig}. Our own
 * keys are declared ({@link WarehouseCatalogOptions}); the connector's {@code aws.*} and {@code
 * scan.*} and the Iceberg catalog's properties pass through, which is why the factory does not let
 * Flink reject undeclared keys.
 */
public final class WarehouseCatalogFactory implements CatalogFactory {

    /** Not {@code iceberg}: Iceberg's own catalog factory may be on the same classpath. */
    public static final String IDENTIFIER = "streaming-warehouse";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(WarehouseCatalogOptions.WAREHOUSE);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
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
    }

    @Override
    public Catalog createCatalog(Context context) {
        return WarehouseCatalog.forSession(
                context.getName(),
                WarehouseConfig.of(context.getOptions()),
                context.getConfiguration());
    }
}
