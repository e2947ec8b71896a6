package org.streamingest.warehouse.procedure;

import org.streamingest.warehouse.catalog.WarehouseCatalog;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.maintenance.TableMaintenance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * A maintenance procedure's call: the warehouse's Iceberg catalog open for its duration, with the
 * warehouse's maintenance defaults. It needs no view service: maintenance commits beside whatever
 * runs the view, never instead of it.
 */
final class MaintenanceCall {

    private MaintenanceCall() {}

    /** A procedure's TIMESTAMP argument, read as UTC as Redshift's timestamps are; null stays. */
    static Instant utc(LocalDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant(ZoneOffset.UTC);
    }

    static <T> T run(
            String catalogName, WarehouseConfig config, Function<TableMaintenance, T> operation) {
        WarehouseCatalog catalog = new WarehouseCatalog(catalogName, config);
        catalog.open();
        try {
            return operation.apply(
                    new TableMaintenance(
                            catalog.catalog(), config.maintenance(), Clock.systemUTC()));
        } finally {
            catalog.close();
        }
    }
}
