package org.streamingest.job.warehouse;

import org.streamingest.job.sql.ObjectName;
import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.job.sql.Statement;

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

    void alter(Statement.AlterMaterializedViewQuery alter) throws Exception {
        ObjectName view = alter.name();
        Statement.Query query = alter.query();
        ViewDefinition old = graph.definition(view, alter.position());
        Relations.requireExisting(warehouse.catalog(), query);
        Relations.requireNoSystemView(query);
        String stream = Relations.baseStream(warehouse.catalog(), query);
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
                old.derived()
                        ? new ViewDefinition(
                                query.redshiftSql(),
                                query.flinkSql(),
                                null,
                                query.referencedTables(),
                                old.autoRefresh())
                        : ViewDefinition.onStream(
                                query.redshiftSql(), query.flinkSql(), stream, old.autoRefresh());
        requireSameColumns(alter, altered);
        if (old.derived()) {
            record(view, altered);
            derived.refresh(view, altered, true, alter.position());
            return;
        }
        boolean wasRunning = pipelines.job(view).isPresent();
        pipelines.stop(view);
        try {
            pipelines.probeRestore(view, altered.flinkSql());
        } catch (IllegalStateException e) {
            if (wasRunning) {
                pipelines.start(view, old);
            }
            throw error(
                    alter,
                    "the new query's pipeline cannot continue from where the view stopped: "
                            + e.getMessage()
                            + " Flink restores a pipeline whose shape is unchanged, for example"
                            + " with a new WHERE condition or new column expressions. To change"
                            + " more, drop the view and create it again; it then reads the stream"
                            + " from its trim horizon");
        }
        record(view, altered);
        if (altered.autoRefresh()) {
            pipelines.start(view, altered);
        }
    }

    private void requireSameColumns(
            Statement.AlterMaterializedViewQuery alter, ViewDefinition altered) {
        ResolvedSchema current = warehouse.batch().from(alter.name().flink()).getResolvedSchema();
        if (current.getPrimaryKey().isPresent() || alter.query().aggregating()) {
            throw error(
                    alter,
                    "views with GROUP BY cannot change their query, because their running"
                            + " aggregates would carry over; drop the view and create it again");
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

    private void record(ObjectName view, ViewDefinition altered) {
        Table table = graph.table(view);
        UpdateProperties update = table.updateProperties();
        table.properties().keySet().stream()
                .filter(key -> key.startsWith(DerivedRefresh.INPUT_VERSION))
                .forEach(update::remove);
        altered.toProperties().forEach(update::set);
        update.commit();
    }

    private static RedshiftSqlException error(
            Statement.AlterMaterializedViewQuery alter, String why) {
        return new RedshiftSqlException(
                alter.position(),
                "Cannot alter materialized view " + alter.name() + ": " + why + ".");
    }
}
