package org.streamingest.warehouse.view;

import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.pipeline.Errors;

import org.apache.flink.table.catalog.ResolvedSchema;

import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.flink.FlinkSchemaUtil;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code ALTER MATERIALIZED VIEW v AS SELECT ...}: gives a view a new query with the same columns
 * and keeps its rows. A derived view is recomputed with it. A view on a stream continues from where
 * its last refresh (or its failed pipeline's last checkpoint) stopped, so records already in the
 * view are not read again: the way on after a record stopped the view, for example by adding {@code
 * WHERE CAN_JSON_PARSE(kinesis_data)}.
 *
 * <p>Continuing needs the new pipeline to restore the old one's state; before anything changes, a
 * probe job restores it and is cancelled. Flink maps state by the pipeline's shape, so a new
 * condition or new column expressions continue, a different shape is refused with Flink's reason
 * and the view stays as it was. Aggregating views are refused: their running aggregates would carry
 * over into a different aggregation.
 */
final class AlterViewQuery {

    private final Warehouse warehouse;
    private final Pipelines pipelines;
    private final ViewGraph graph;
    private final DerivedRefresh derived;

    AlterViewQuery(
            Warehouse warehouse, Pipelines pipelines, ViewGraph graph, DerivedRefresh derived) {
        this.warehouse = warehouse;
        this.pipelines = pipelines;
        this.graph = graph;
        this.derived = derived;
    }

    /** What is altered: the view and its new query. */
    private record Alter(ObjectName name, ViewQuery query) {}

    void alter(ObjectName view, ViewQuery query) throws Exception {
        alter(new Alter(view, query));
    }

    private void alter(Alter alter) throws Exception {
        ObjectName view = alter.name();
        ViewQuery query = alter.query();
        ViewDefinition old = graph.definition(view);
        String stream = Relations.checkViewQuery(warehouse.catalog(), query);
        if (!Objects.equals(stream, old.stream())) {
            throw error(
                    alter,
                    old.derived()
                            ? "it reads views and tables, and cannot be changed to read a stream"
                            : "the new query must read the same stream, "
                                    + old.stream()
                                    + ", to continue where the view stopped");
        }
        ViewDefinition altered =
                ViewDefinition.of(query, stream, old.autoRefresh()).withFreshness(old.freshness());
        if (!old.derived()) {
            altered = altered.withScanSql(sameShapeScan(old, altered));
        }
        requireSameColumns(alter, altered);
        if (old.derived()) {
            requireNoCycle(alter, altered);
            // Recompute first: a query that fails leaves the view as it was.
            derived.refresh(view, altered, true);
            record(view, altered);
            return;
        }
        boolean wasRunning = pipelines.job(view).isPresent();
        pipelines.stop(view);
        try {
            pipelines.probeRestore(view, altered);
        } catch (Exception e) {
            if (wasRunning) {
                pipelines.start(view, old);
            }
            throw error(
                    alter,
                    "the new query's pipeline cannot continue from where the view stopped ("
                            + IngestionFailure.firstLine(Errors.rootMessage(e))
                            + "). Flink restores a pipeline whose shape is unchanged, for example"
                            + " with a new WHERE condition or new column expressions; to change"
                            + " more, drop the view and create it again, which reads the stream"
                            + " from its trim horizon. The view is as it was");
        }
        record(view, altered);
        if (altered.autoRefresh()) {
            pipelines.start(view, altered);
        }
    }

    /**
     * The scan query of the altered view: a view writes scan states after ALTER if and only if it
     * did before ({@link ScanStates}), as its pipeline's shape must stay.
     */
    private static String sameShapeScan(ViewDefinition old, ViewDefinition altered) {
        if (old.scanSql() == null) {
            return null;
        }
        return altered.scanSql() != null
                ? altered.scanSql()
                : ScanStates.unknownSkips(altered.stream());
    }

    private void requireSameColumns(Alter alter, ViewDefinition altered) {
        ResolvedSchema current = warehouse.batch().from(alter.name().flink()).getResolvedSchema();
        if (!altered.derived()
                && (current.getPrimaryKey().isPresent() || alter.query().aggregating())) {
            throw error(
                    alter,
                    "a view on a stream with GROUP BY cannot change its query, because its"
                            + " running aggregates would carry over; drop the view and create it"
                            + " again");
        }
        ResolvedSchema result =
                (altered.derived() ? warehouse.batch() : warehouse.streaming(Map.of()))
                        .sqlQuery(altered.flinkSql())
                        .getResolvedSchema();
        ResolvedSchema wanted =
                ViewTables.table(result, alter.query(), altered).getResolvedSchema();
        if (!columns(wanted).equals(columns(current))) {
            throw error(
                    alter,
                    "the new query must produce the view's columns "
                            + columns(current)
                            + ", not "
                            + columns(wanted));
        }
    }

    /** A derived view may not read itself, directly or through other views. */
    private void requireNoCycle(Alter alter, ViewDefinition altered) {
        for (ObjectName input : altered.inputs()) {
            if (input.equals(alter.name())
                    || graph.upstream(input, graph.definitionOrNull(input))
                            .contains(alter.name())) {
                throw error(
                        alter,
                        "the new query reads "
                                + input
                                + ", which reads this view: a view cannot depend on itself");
            }
        }
    }

    /** Names and Iceberg types: what the view's table can hold (VARCHAR(n) is a string). */
    private static List<String> columns(ResolvedSchema schema) {
        return schema.getColumns().stream()
                .map(
                        c ->
                                c.getName()
                                        + " "
                                        + FlinkSchemaUtil.convert(c.getDataType().getLogicalType()))
                .toList();
    }

    /** Stores the new definition; drops the recorded versions of inputs it no longer reads. */
    private void record(ObjectName view, ViewDefinition altered) {
        Table table = graph.table(view);
        UpdateProperties update = table.updateProperties();
        table.properties().keySet().stream()
                .filter(key -> key.startsWith(DerivedRefresh.INPUT_VERSION))
                .filter(
                        key ->
                                altered.inputs().stream()
                                        .noneMatch(
                                                input ->
                                                        key.equals(
                                                                DerivedRefresh.INPUT_VERSION
                                                                        + input)))
                .forEach(update::remove);
        altered.toProperties().forEach(update::set);
        if (altered.scanSql() == null) {
            update.remove(ViewDefinition.SCAN_SQL);
        }
        update.commit();
    }

    private static WarehouseException error(Alter alter, String why) {
        return new WarehouseException(
                "Cannot alter materialized view " + alter.name() + ": " + why + ".");
    }
}
