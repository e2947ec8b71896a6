package org.streamingest.job.warehouse;

import org.streamingest.job.sql.ObjectName;
import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.job.sql.SourcePosition;
import org.streamingest.job.sql.Statement;

import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Creates, queries and drops materialized views. A view is an Iceberg table (format v2) in its
 * schema, with the query's result columns; its definition lives in the table's properties ({@link
 * ViewDefinition}). Aggregating views (GROUP BY) get a primary key on the GROUP BY columns and
 * write upserts. A base view reads exactly one stream and nothing else, as in Redshift.
 */
public final class MaterializedViews {

    private final Warehouse warehouse;
    private final Pipelines pipelines;

    public MaterializedViews(Warehouse warehouse, Pipelines pipelines) {
        this.warehouse = warehouse;
        this.pipelines = pipelines;
    }

    /** Creates the view's table and, for AUTO REFRESH YES, starts its pipeline. */
    public String create(Statement.CreateMaterializedView create) throws Exception {
        ObjectName view = create.name();
        WarehouseCatalog catalog = warehouse.catalog();
        ObjectPath path = new ObjectPath(view.schema(), view.name());
        if (!catalog.databaseExists(view.schema())
                || catalog.externalSchema(view.schema()).isPresent()) {
            throw new RedshiftSqlException(
                    create.position(),
                    "Schema \""
                            + view.schema()
                            + "\" does not exist or is an external schema: create materialized"
                            + " views in a regular schema such as public.");
        }
        if (catalog.tableExists(path)) {
            throw new RedshiftSqlException(
                    create.position(), "Relation \"" + view + "\" already exists.");
        }
        Relations.requireExisting(catalog, create.query());
        String stream = baseStream(create.query());
        if (stream == null) {
            throw new RedshiftSqlException(
                    create.position(),
                    "Materialized views over other views or tables are not supported yet: a"
                            + " materialized view must read one stream (FROM <external"
                            + " schema>.<stream>). Query views with SELECT instead.");
        }
        ResolvedSchema result =
                warehouse
                        .streaming(Map.of())
                        .sqlQuery(create.query().flinkSql())
                        .getResolvedSchema();
        ViewDefinition definition =
                new ViewDefinition(
                        create.query().redshiftSql(),
                        create.query().flinkSql(),
                        stream,
                        create.autoRefresh());
        catalog.createTable(path, ViewTables.table(result, create.query(), definition), false);
        if (create.autoRefresh()) {
            pipelines.start(view, definition, null);
        }
        return "CREATE MATERIALIZED VIEW";
    }

    /** The one stream a base view reads, {@code null} for a view over tables, else an error. */
    private String baseStream(Statement.Query query) {
        List<ObjectName> streams = new ArrayList<>();
        for (ObjectName table : query.referencedTables()) {
            if (warehouse.catalog().externalSchema(table.schema()).isPresent()) {
                streams.add(table);
            }
        }
        if (streams.isEmpty()) {
            return null;
        }
        if (streams.size() > 1 || query.referencedTables().size() > 1) {
            throw new RedshiftSqlException(
                    query.position(),
                    "A materialized view on a stream must read exactly one stream and no other"
                            + " relation, as in Redshift; this one reads "
                            + query.referencedTables()
                            + ". Create one view per stream, then a view over those views.");
        }
        return streams.get(0).toString();
    }

    /**
     * Refreshes {@code view} and returns the rows added: a {@link ManualRefresh}, so it returns
     * once every record that was in the stream when it began is committed. The running pipeline of
     * an AUTO REFRESH YES view is suspended with a savepoint for it and resumed afterwards.
     */
    public long refresh(Statement.RefreshMaterializedView refresh, Consumer<String> progress)
            throws Exception {
        ObjectName view = refresh.name();
        ViewDefinition definition = definition(view, refresh.position());
        if (definition.stream() == null) {
            throw new RedshiftSqlException(
                    refresh.position(),
                    "REFRESH of a materialized view over other views or tables is not supported"
                            + " yet; only views on a stream can be refreshed.");
        }
        boolean running = pipelines.job(view).isPresent();
        if (running) {
            suspend(view);
        }
        long added = new ManualRefresh(warehouse, pipelines).refresh(view, definition, progress);
        if (running) {
            resume(view);
        }
        return added;
    }

    /**
     * Switches {@code view} between AUTO REFRESH YES and NO: a running pipeline is suspended with a
     * savepoint; YES starts it again from there and keeps it running.
     */
    public String alter(Statement.AlterMaterializedViewAutoRefresh alter) throws Exception {
        ObjectName view = alter.name();
        ViewDefinition definition = definition(view, alter.position());
        Table table = icebergTable(view);
        String savepoint = table.properties().get(ManualRefresh.SAVEPOINT);
        if (pipelines.job(view).isPresent()) {
            savepoint = pipelines.suspend(view);
        }
        ViewDefinition altered =
                new ViewDefinition(
                        definition.redshiftSql(),
                        definition.flinkSql(),
                        definition.stream(),
                        alter.autoRefresh());
        UpdateProperties update = table.updateProperties();
        altered.toProperties().forEach(update::set);
        if (savepoint != null) {
            update.set(ManualRefresh.SAVEPOINT, savepoint);
        }
        update.commit();
        if (alter.autoRefresh()) {
            pipelines.start(view, altered, savepoint);
        }
        return "ALTER MATERIALIZED VIEW";
    }

    /** The definition of materialized view {@code view}, or an error saying it does not exist. */
    ViewDefinition definition(ObjectName view, SourcePosition position) {
        Map<String, String> properties;
        try {
            properties = icebergTable(view).properties();
        } catch (NoSuchTableException e) {
            properties = Map.of();
        }
        if (!ViewDefinition.isView(properties)) {
            throw new RedshiftSqlException(
                    position, "Materialized view \"" + view + "\" does not exist.");
        }
        return ViewDefinition.fromProperties(properties);
    }

    private Table icebergTable(ObjectName view) {
        return warehouse
                .catalog()
                .catalog()
                .loadTable(TableIdentifier.of(view.schema(), view.name()));
    }

    /** Every materialized view of the warehouse with its definition. */
    public Map<ObjectName, ViewDefinition> all() throws Exception {
        Map<ObjectName, ViewDefinition> all = new LinkedHashMap<>();
        WarehouseCatalog catalog = warehouse.catalog();
        for (String schema : catalog.listDatabases()) {
            if (catalog.externalSchema(schema).isPresent()) {
                continue;
            }
            for (String name : catalog.listTables(schema)) {
                ObjectName view = new ObjectName(schema, name);
                Map<String, String> properties = icebergTable(view).properties();
                if (ViewDefinition.isView(properties)) {
                    all.put(view, ViewDefinition.fromProperties(properties));
                }
            }
        }
        return all;
    }

    /** The views with AUTO REFRESH YES, whose pipelines should run. */
    public List<ObjectName> autoRefreshViews() throws Exception {
        List<ObjectName> auto = new ArrayList<>();
        all().forEach(
                        (view, definition) -> {
                            if (definition.autoRefresh()) {
                                auto.add(view);
                            }
                        });
        return auto;
    }

    /** The views whose stream lives in {@code schema}. */
    public List<ObjectName> viewsReading(String schema) throws Exception {
        List<ObjectName> reading = new ArrayList<>();
        all().forEach(
                        (view, definition) -> {
                            if (definition.stream() != null
                                    && definition.stream().startsWith(schema + ".")) {
                                reading.add(view);
                            }
                        });
        return reading;
    }

    /** Starts the pipeline of {@code view} from its last savepoint. */
    public void resume(ObjectName view) {
        Table table = icebergTable(view);
        pipelines.start(
                view,
                ViewDefinition.fromProperties(table.properties()),
                table.properties().get(ManualRefresh.SAVEPOINT));
    }

    /** Stops the pipeline of {@code view} with a savepoint and records it for {@link #resume}. */
    public void suspend(ObjectName view) throws Exception {
        String savepoint = pipelines.suspend(view);
        Table table = icebergTable(view);
        String previous = table.properties().get(ManualRefresh.SAVEPOINT);
        table.updateProperties().set(ManualRefresh.SAVEPOINT, savepoint).commit();
        Pipelines.discard(previous);
    }

    /** Runs {@code query} in batch mode over the committed snapshots. */
    public QueryResult select(Statement.Query query) throws Exception {
        Relations.requireExisting(warehouse.catalog(), query);
        TableEnvironment env = warehouse.batch();
        TableResult result = env.executeSql(query.flinkSql());
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            it.forEachRemaining(rows::add);
        }
        return new QueryResult(result.getResolvedSchema().getColumnNames(), rows);
    }

    /** Cancels the view's pipeline, drops its table and deletes its savepoints. */
    public String drop(Statement.DropMaterializedView drop) throws Exception {
        ObjectPath path = new ObjectPath(drop.name().schema(), drop.name().name());
        if (!warehouse.catalog().tableExists(path)) {
            if (drop.ifExists()) {
                return "DROP MATERIALIZED VIEW";
            }
            throw new RedshiftSqlException(
                    drop.position(), "Materialized view \"" + drop.name() + "\" does not exist.");
        }
        pipelines.cancel(drop.name());
        warehouse.catalog().dropTable(path, false);
        Pipelines.discard(
                warehouse.location().savepoints(path.getDatabaseName(), path.getObjectName()));
        return "DROP MATERIALIZED VIEW";
    }
}
