package org.streamingest.warehouse.view;

import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How many rows of a view changed between two of its snapshots: what a refresh reports as rows
 * added. A view that appends (no identifier fields) changes by the rows its snapshots added; a
 * maintenance rewrite ({@code replace}) adds none. A view that upserts (GROUP BY: identifier fields
 * on its keys) writes an equality delete and a row for every update of a key, however often a key
 * changed and whether or not its values did, so the snapshots' counts say nothing about rows: its
 * rows at the two snapshots are read and compared by key, and a row counts once if it is new, if a
 * value of it changed or if it is gone.
 */
final class ViewChanges {

    private ViewChanges() {}

    /**
     * Rows of {@code table} that changed from {@code before} (null: empty) to its current state.
     */
    static long since(Table table, Snapshot before) {
        Snapshot after = table.currentSnapshot();
        if (after == null || (before != null && before.snapshotId() == after.snapshotId())) {
            return 0;
        }
        if (table.schema().identifierFieldIds().isEmpty()) {
            return addedSince(table, before);
        }
        Map<List<Object>, Record> old =
                before == null ? Map.of() : rowsByKey(table, before.snapshotId());
        Map<List<Object>, Record> now = rowsByKey(table, after.snapshotId());
        long changed = 0;
        for (Map.Entry<List<Object>, Record> row : now.entrySet()) {
            if (!Objects.equals(old.get(row.getKey()), row.getValue())) {
                changed++;
            }
        }
        for (List<Object> key : old.keySet()) {
            if (!now.containsKey(key)) {
                changed++;
            }
        }
        return changed;
    }

    /**
     * The rows the snapshots since {@code before} added; a rewrite of the table's files (table
     * maintenance, a {@code replace} snapshot) adds none, however many records its files hold.
     */
    static long addedSince(Table table, Snapshot before) {
        return snapshotsSince(table, before).stream()
                .filter(s -> !DataOperations.REPLACE.equals(s.operation()))
                .mapToLong(s -> Long.parseLong(s.summary().getOrDefault("added-records", "0")))
                .sum();
    }

    /** The snapshots committed after {@code before} (all of them if it is null), newest first. */
    static List<Snapshot> snapshotsSince(Table table, Snapshot before) {
        List<Snapshot> since = new ArrayList<>();
        for (Snapshot s = table.currentSnapshot();
                s != null && (before == null || s.snapshotId() != before.snapshotId());
                s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
            since.add(s);
        }
        return since;
    }

    private static Map<List<Object>, Record> rowsByKey(Table table, long snapshotId) {
        Schema schema = table.schemas().get(table.snapshot(snapshotId).schemaId());
        if (schema == null) {
            schema = table.schema();
        }
        List<String> keys = new ArrayList<>();
        for (Integer id : schema.identifierFieldIds()) {
            Types.NestedField field = schema.findField(id);
            keys.add(field.name());
        }
        Map<List<Object>, Record> rows = new HashMap<>();
        try (CloseableIterable<Record> read =
                IcebergGenerics.read(table).useSnapshot(snapshotId).build()) {
            for (Record row : read) {
                List<Object> key = new ArrayList<>(keys.size());
                for (String name : keys) {
                    key.add(row.getField(name));
                }
                rows.put(key, row.copy());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
