package org.streamingest.warehouse.procedure;

import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.view.MaterializedViews;
import org.streamingest.warehouse.view.ViewService;

import org.apache.flink.configuration.ReadableConfig;

/**
 * One call of a procedure on the view service: either a service of its own for the duration of the
 * call (closing it suspends whatever pipeline it left running and gives up its leases, as the CLI
 * does when a script ends), or the service its session shares with the catalog's materialized
 * tables (a SQL gateway session on a session cluster), which outlives the call.
 */
public final class ViewCall implements AutoCloseable {

    /** Opens the view service for a call made in a session with the given configuration. */
    @FunctionalInterface
    public interface Opener {
        ViewCall open(ReadableConfig session);
    }

    private final ViewService service;
    private final boolean owned;

    private ViewCall(ViewService service, boolean owned) {
        this.service = service;
        this.owned = owned;
    }

    /** A service of the call's own, on the cluster of {@code session}. */
    public static ViewCall open(WarehouseConfig config, ReadableConfig session) {
        return new ViewCall(ViewService.open(config, session), true);
    }

    /** The session's shared service, which the call does not close. */
    public static ViewCall shared(ViewService service) {
        return new ViewCall(service, false);
    }

    public MaterializedViews views() {
        return service.views();
    }

    Warehouse warehouse() {
        return service.warehouse();
    }

    @Override
    public void close() throws Exception {
        if (owned) {
            service.close();
        }
    }
}
