package org.streamingest.warehouse.view;

import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseCatalog;

import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.NoSuchTableException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The materialized views of a warehouse and what reads what: each view's definition from its
 * Iceberg table's properties, the views a view reads (for REFRESH ... CASCADE) and the views that
 * read a relation (for DROP ... RESTRICT|CASCADE). Nothing is cached: other sessions may change the
 * warehouse.
 */
final class ViewGraph {

    private final Warehouse warehouse;

    ViewGraph(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The Iceberg table of {@code relation}. */
    Table table(ObjectName relation) {
        return warehouse.table(relation);
    }

    /** The definition of materialized view {@code view}, or an error saying it does not exist. */
    ViewDefinition definition(ObjectName view) {
        Map<String, String> properties;
        try {
            properties = table(view).properties();
        } catch (NoSuchTableException e) {
            properties = Map.of();
        }
        if (!ViewDefinition.isView(properties)) {
            throw new WarehouseException("Materialized view \"" + view + "\" does not exist.");
        }
        return ViewDefinition.fromProperties(properties);
    }

    /** The definition of {@code relation} if it is a materialized view, else {@code null}. */
    ViewDefinition definitionOrNull(ObjectName relation) {
        try {
            Map<String, String> properties = table(relation).properties();
            return ViewDefinition.isView(properties)
                    ? ViewDefinition.fromProperties(properties)
                    : null;
        } catch (NoSuchTableException e) {
            return null;
        }
    }

    /** Every materialized view of the warehouse with its definition. */
    Map<ObjectName, ViewDefinition> all() throws Exception {
        Map<ObjectName, ViewDefinition> all = new LinkedHashMap<>();
        WarehouseCatalog catalog = warehouse.catalog();
        for (String schema : catalog.listDatabases()) {
            if (schema.equals(SystemViews.PG_CATALOG)
                    || catalog.externalSchema(schema).isPresent()) {
                continue; // system views and streams, not views
            }
            for (String name : catalog.listTables(schema)) {
                ObjectName view = new ObjectName(schema, name);
                Map<String, String> properties = table(view).properties();
                if (ViewDefinition.isView(properties)) {
                    all.put(view, ViewDefinition.fromProperties(properties));
                }
            }
        }
        return all;
    }

    /** The materialized views {@code view} reads, directly or not, each after those it reads. */
    List<ObjectName> upstream(ObjectName view, ViewDefinition definition) {
        List<ObjectName> order = new ArrayList<>();
        if (definition == null) {
            return order;
        }
        addUpstream(definition, order, new HashSet<>(List.of(view)));
        return order;
    }

    private void addUpstream(
            ViewDefinition definition, List<ObjectName> order, Set<ObjectName> seen) {
        for (ObjectName input : definition.inputs()) {
            if (seen.add(input)) {
                Map<String, String> properties;
                try {
                    properties = table(input).properties();
                } catch (NoSuchTableException gone) {
                    continue; // its refresh says the input is missing
                }
                if (ViewDefinition.isView(properties)) {
                    addUpstream(ViewDefinition.fromProperties(properties), order, seen);
                    order.add(input);
                }
            }
        }
    }

    /** The views that read one of {@code relations}, directly or not. */
    Set<ObjectName> dependents(Collection<ObjectName> relations) throws Exception {
        return dependents(relations, all());
    }

    private static Set<ObjectName> dependents(
            Collection<ObjectName> relations, Map<ObjectName, ViewDefinition> all) {
        Set<ObjectName> found = new LinkedHashSet<>();
        Deque<ObjectName> pending = new ArrayDeque<>(relations);
        while (!pending.isEmpty()) {
            ObjectName relation = pending.pop();
            all.forEach(
                    (view, definition) -> {
                        if (definition.inputs().contains(relation) && found.add(view)) {
                            pending.add(view);
                        }
                    });
        }
        found.removeAll(relations);
        return found;
    }

    /**
     * The views that would lose a relation if {@code schema} were dropped: those in it, those on
     * its streams or tables, and every view that reads one of those, directly or not.
     */
    List<ObjectName> readingSchema(String schema) throws Exception {
        Map<ObjectName, ViewDefinition> all = all();
        Set<ObjectName> roots = new LinkedHashSet<>();
        all.forEach(
                (view, definition) -> {
                    boolean reads =
                            view.schema().equals(schema)
                                    || (!definition.derived()
                                            && ObjectName.parse(definition.stream())
                                                    .schema()
                                                    .equals(schema))
                                    || definition.inputs().stream()
                                            .anyMatch(input -> input.schema().equals(schema));
                    if (reads) {
                        roots.add(view);
                    }
                });
        Set<ObjectName> affected = new LinkedHashSet<>(roots);
        affected.addAll(dependents(roots, all));
        return List.copyOf(affected);
    }
}
