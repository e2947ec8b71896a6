package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseConfig;

import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogMaterializedTable;
import org.apache.flink.table.catalog.CatalogMaterializedTable.LogicalRefreshMode;
import org.apache.flink.table.catalog.CatalogMaterializedTable.RefreshMode;
import org.apache.flink.table.catalog.CatalogMaterializedTable.RefreshStatus;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.IntervalFreshness;
import org.apache.flink.table.refresh.ContinuousRefreshHandler;
import org.apache.flink.util.InstantiationUtil;
import org.apache.flink.util.TimeUtils;

import org.apache.iceberg.catalog.Catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A materialized view as Flink sees it through the warehouse catalog: a {@link
 * CatalogMaterializedTable} in {@code CONTINUOUS} refresh mode whose every field comes from the one
 * place that holds it, so that every door (CLI, Flink SQL session, gateway) reads the same state:
 *
 * <ul>
 *   <li>schema, definition query and AUTO REFRESH: the view's Iceberg table and its properties
 *       ({@link ViewDefinition}); freshness is its pipeline's checkpoint interval: the view's own
 *       (a {@code FRESHNESS} it was created with) or the warehouse's {@code auto-refresh.interval}
 *       for AUTO REFRESH YES, {@value JobSettings#MANUAL_INTERVAL} for a view refreshed by hand;
 *   <li>refresh status and handler: the view's lease ({@link ViewLeases}) names the Flink job of
 *       its running pipeline; {@code ACTIVATED} while one runs, {@code SUSPENDED} otherwise;
 *   <li>the restore path: the newest completed snapshot of the pipeline's state ({@link
 *       RestorePoints}), found where it is written rather than recorded beside it, because a
 *       process killed between a savepoint and a record of it would leave a stale pointer.
 * </ul>
 *
 * The lease and the restore path are read only when asked for (a SQL gateway's {@code ALTER} or
 * {@code DROP MATERIALIZED TABLE}), not each time a query that reads the view is planned.
 */
public final class ViewCatalogTables {

    private ViewCatalogTables() {}

    /** True if {@code table} (from the Iceberg catalog) is a materialized view. */
    public static boolean isView(CatalogBaseTable table) {
        return ViewDefinition.isView(table.getOptions());
    }

    /**
     * {@code view}'s table as a materialized table; {@code iceberg} holds the leases, {@code
     * config} the warehouse's interval and where the pipeline state is.
     */
    public static CatalogMaterializedTable materialized(
            ObjectName view, CatalogTable table, Catalog iceberg, WarehouseConfig config) {
        ViewDefinition definition = ViewDefinition.fromProperties(table.getOptions());
        Duration interval =
                !definition.autoRefresh()
                        ? TimeUtils.parseDuration(JobSettings.MANUAL_INTERVAL)
                        : definition.freshness() != null
                                ? definition.freshness()
                                : config.autoRefreshInterval();
        return new ViewTable(
                table,
                definition.flinkSql(),
                freshness(interval),
                () -> refreshState(view, iceberg, config));
    }

    /** {@code interval} in Flink's units, rounded up to a whole second. */
    static IntervalFreshness freshness(Duration interval) {
        long seconds = Math.max(1, (interval.toMillis() + 999) / 1000);
        if (seconds % 86_400 == 0) {
            return IntervalFreshness.ofDay(Long.toString(seconds / 86_400));
        }
        if (seconds % 3_600 == 0) {
            return IntervalFreshness.ofHour(Long.toString(seconds / 3_600));
        }
        if (seconds % 60 == 0) {
            return IntervalFreshness.ofMinute(Long.toString(seconds / 60));
        }
        return IntervalFreshness.ofSecond(Long.toString(seconds));
    }

    /** What runs the view now, from its lease and its pipeline state. */
    private record RefreshState(RefreshStatus status, String description, byte[] handler) {}

    private static RefreshState refreshState(
            ObjectName view, Catalog iceberg, WarehouseConfig config) {
        Lease lease = ViewLeases.read(iceberg).get(view);
        boolean running = lease != null && lease.namesJob();
        String restore =
                RestorePoints.newest(
                        config.location().savepoints(view.schema(), view.name()),
                        config.location().checkpoints(view.schema(), view.name()));
        ContinuousRefreshHandler handler =
                new ContinuousRefreshHandler(
                        "remote",
                        running ? lease.cluster() : "",
                        running ? lease.job() : "",
                        restore);
        String description =
                running
                        ? "pipeline job "
                                + lease.job()
                                + " on "
                                + lease.cluster()
                                + ", held by "
                                + lease.describe()
                        : "suspended" + (restore == null ? "" : ", resumes from " + restore);
        return new RefreshState(
                running ? RefreshStatus.ACTIVATED : RefreshStatus.SUSPENDED,
                description,
                serialize(handler));
    }

    private static byte[] serialize(ContinuousRefreshHandler handler) {
        try {
            return InstantiationUtil.serializeObject(handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A view's materialized table whose refresh state is read on first use. */
    private static final class ViewTable implements CatalogMaterializedTable {
        private final CatalogTable table;
        private final String definitionQuery;
        private final IntervalFreshness freshness;
        private final Supplier<RefreshState> read;
        private RefreshState state;

        ViewTable(
                CatalogTable table,
                String definitionQuery,
                IntervalFreshness freshness,
                Supplier<RefreshState> read) {
            this.table = table;
            this.definitionQuery = definitionQuery;
            this.freshness = freshness;
            this.read = read;
        }

        private synchronized RefreshState state() {
            if (state == null) {
                state = read.get();
            }
            return state;
        }

        @Override
        public Map<String, String> getOptions() {
            return table.getOptions();
        }

        @Override
        public Schema getUnresolvedSchema() {
            return table.getUnresolvedSchema();
        }

        @Override
        public String getComment() {
            return table.getComment();
        }

        @Override
        public boolean isPartitioned() {
            return table.isPartitioned();
        }

        @Override
        public List<String> getPartitionKeys() {
            return table.getPartitionKeys();
        }

        @Override
        public Optional<Long> getSnapshot() {
            return Optional.empty();
        }

        @Override
        public String getDefinitionQuery() {
            return definitionQuery;
        }

        @Override
        public IntervalFreshness getDefinitionFreshness() {
            return freshness;
        }

        @Override
        public LogicalRefreshMode getLogicalRefreshMode() {
            return LogicalRefreshMode.CONTINUOUS;
        }

        @Override
        public RefreshMode getRefreshMode() {
            return RefreshMode.CONTINUOUS;
        }

        @Override
        public RefreshStatus getRefreshStatus() {
            return state().status();
        }

        @Override
        public Optional<String> getRefreshHandlerDescription() {
            return Optional.of(state().description());
        }

        @Override
        public byte[] getSerializedRefreshHandler() {
            return state().handler();
        }

        @Override
        public Optional<String> getDescription() {
            return Optional.ofNullable(getComment());
        }

        @Override
        public Optional<String> getDetailedDescription() {
            return Optional.of("Materialized view: " + definitionQuery);
        }

        /** The same table with every field read now. */
        private CatalogMaterializedTable built() {
            return CatalogMaterializedTable.newBuilder()
                    .schema(getUnresolvedSchema())
                    .comment(getComment())
                    .partitionKeys(getPartitionKeys())
                    .options(getOptions())
                    .definitionQuery(definitionQuery)
                    .freshness(freshness)
                    .logicalRefreshMode(getLogicalRefreshMode())
                    .refreshMode(getRefreshMode())
                    .refreshStatus(getRefreshStatus())
                    .refreshHandlerDescription(getRefreshHandlerDescription().orElse(null))
                    .serializedRefreshHandler(getSerializedRefreshHandler())
                    .build();
        }

        @Override
        public CatalogBaseTable copy() {
            return built();
        }

        @Override
        public CatalogMaterializedTable copy(Map<String, String> options) {
            return built().copy(options);
        }

        @Override
        public CatalogMaterializedTable copy(
                RefreshStatus refreshStatus,
                String refreshHandlerDescription,
                byte[] serializedRefreshHandler) {
            return built().copy(refreshStatus, refreshHandlerDescription, serializedRefreshHandler);
        }
    }
}
