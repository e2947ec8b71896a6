package org.streamingest.warehouse.view;

import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;

import org.apache.flink.configuration.PipelineOptions;

import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refreshes a derived materialized view (one over other views and tables) by recomputing it: a
 * batch {@code INSERT OVERWRITE} of the view's query, every input pinned to the snapshot that was
 * current when the refresh began ({@code /*+ OPTIONS('snapshot-id'=...) *}{@code /}), so the view
 * is exactly its query over one consistent state of its inputs, committed atomically. This is
 * Redshift's full refresh; a query over upserting (aggregating) views needs it anyway, because
 * Iceberg's incremental reads see only appends.
 *
 * <p>The data version of each input (its newest snapshot that changed data: Flink's empty commits
 * do not count) is recorded in the view's properties; a refresh whose inputs have not changed since
 * is skipped, as Redshift skips a view that is already up to date.
 */
final class DerivedRefresh {

    static final String INPUT_VERSION = ViewDefinition.PREFIX + "input-version.";
    private static final int MAX_ANCESTORS = 1_000;

    private final Warehouse warehouse;

    DerivedRefresh(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The rows the refresh added (negative if it removed more than it added). */
    record Outcome(boolean upToDate, long rowsBefore, long rowsAfter) {
        long added() {
            return rowsAfter - rowsBefore;
        }
    }

    /** True if no input of {@code view} changed data since its last refresh. */
    boolean upToDate(ObjectName view, ViewDefinition definition) {
        Map<ObjectName, Long> versions = new LinkedHashMap<>();
        inputs(definition).forEach((input, t) -> versions.put(input, dataVersion(t)));
        return recorded(table(view), versions);
    }

    static boolean recorded(Table view, Map<ObjectName, Long> versions) {
        for (Map.Entry<ObjectName, Long> input : versions.entrySet()) {
            String recorded = view.properties().get(INPUT_VERSION + input.getKey());
            if (!String.valueOf(input.getValue()).equals(recorded)) {
                return false;
            }
        }
        return true;
    }

    /** Recomputes {@code view} unless it is up to date (or {@code force}). */
    Outcome refresh(ObjectName view, ViewDefinition definition, boolean force) throws Exception {
        Table table = table(view);
        long before = totalRecords(table.currentSnapshot());
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<ObjectName, Table> inputs = inputs(definition);
        Map<ObjectName, Long> versions = new LinkedHashMap<>();
        String query = definition.flinkSql();
        for (Map.Entry<ObjectName, Table> input : inputs.entrySet()) {
            // version and pin from the same read of the input's metadata
            Snapshot current = input.getValue().currentSnapshot();
            versions.put(input.getKey(), dataVersion(input.getValue()));
            if (current != null) {
                query =
                        TableHints.withOptions(
                                query,
                                input.getKey(),
                                Map.of("snapshot-id", Long.toString(current.snapshotId())));
            }
        }
        if (!force && recorded(table, versions)) {
            return new Outcome(true, before, before);
        }
        Snapshot previous = table.currentSnapshot();
        warehouse
                .batch(
                        Map.of(
                                Pipelines.USE_V2_SINK,
                                "true",
                                PipelineOptions.NAME.key(),
                                "mv refresh " + view))
                .executeSql("INSERT OVERWRITE " + view.flink() + " " + query)
                .await();
        table.refresh();
        if (!wroteData(table, previous) && before > 0) {
            // An empty result commits nothing, but the view must be empty now.
            table.newDelete().deleteFromRowFilter(Expressions.alwaysTrue()).commit();
        }
        long after = totalRecords(table.currentSnapshot());
        var update = table.updateProperties();
        versions.forEach((input, id) -> update.set(INPUT_VERSION + input, String.valueOf(id)));
        update.set(ManualRefresh.LAST_REFRESH_TIME, start.toString())
                .set(ManualRefresh.LAST_REFRESH_ROWS, Long.toString(after - before))
                .commit();
        return new Outcome(false, before, after);
    }

    /** The Iceberg table of each input, or an error naming one that is gone. */
    private Map<ObjectName, Table> inputs(ViewDefinition definition) {
        Map<ObjectName, Table> inputs = new LinkedHashMap<>();
        for (ObjectName input : definition.inputs()) {
            try {
                inputs.put(input, table(input));
            } catch (NoSuchTableException e) {
                throw new WarehouseException(
                        "Relation \""
                                + input
                                + "\", which this materialized view reads, no longer exists."
                                + " Recreate it, or drop the view.");
            }
        }
        return inputs;
    }

    /** An input's data version: its newest snapshot that changed data, -1 if it has none. */
    static long dataVersion(Table table) {
        Snapshot snapshot = table.currentSnapshot();
        for (int i = 0; snapshot != null && i < MAX_ANCESTORS; i++) {
            if (changesData(snapshot)) {
                return snapshot.snapshotId();
            }
            snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId());
        }
        return snapshot == null ? -1 : snapshot.snapshotId();
    }

    private static boolean wroteData(Table table, Snapshot previous) {
        return ViewChanges.snapshotsSince(table, previous).stream()
                .filter(s -> !DataOperations.REPLACE.equals(s.operation()))
                .anyMatch(s -> count(s, "added-data-files") > 0);
    }

    /** Whether {@code snapshot} changed rows; a rewrite of files (table maintenance) does not. */
    private static boolean changesData(Snapshot snapshot) {
        if (DataOperations.REPLACE.equals(snapshot.operation())) {
            return false;
        }
        for (String key :
                List.of(
                        "added-data-files",
                        "deleted-data-files",
                        "added-delete-files",
                        "removed-delete-files")) {
            if (count(snapshot, key) > 0) {
                return true;
            }
        }
        return false;
    }

    private static long totalRecords(Snapshot snapshot) {
        return snapshot == null ? 0 : count(snapshot, "total-records");
    }

    private static long count(Snapshot snapshot, String key) {
        return Long.parseLong(snapshot.summary().getOrDefault(key, "0"));
    }

    private Table table(ObjectName name) {
        return warehouse.table(name);
    }
}
