package org.streamingest.warehouse.catalog;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.procedure.AlterAutoRefreshProcedure;
import org.streamingest.warehouse.procedure.CreateExternalSchemaProcedure;
import org.streamingest.warehouse.procedure.CreateMaterializedViewProcedure;
import org.streamingest.warehouse.procedure.ExpireSnapshotsProcedure;
import org.streamingest.warehouse.procedure.RefreshMaterializedViewProcedure;
import org.streamingest.warehouse.procedure.RemoveOrphanFilesProcedure;
import org.streamingest.warehouse.procedure.RewriteDataFilesProcedure;
import org.streamingest.warehouse.procedure.ViewCall;
import org.streamingest.warehouse.view.ViewCatalogTables;
import org.streamingest.warehouse.view.ViewService;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogMaterializedTable;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogMaterializedTable;
import org.apache.flink.table.catalog.TableChange;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.ProcedureNotExistException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.procedures.Procedure;

import org.apache.iceberg.catalog.Catalog;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The warehouse as one Flink catalog that behaves like a Redshift database ({@code 'type' =
 * 'streaming-warehouse'}, {@link WarehouseCatalogFactory}): its databases are schemas. Regular
 * schemas ({@code public} and the system schema {@code pg_catalog} always exist) are namespaces of
 * the Iceberg catalog the options choose, external schemas list the Kinesis streams ({@link
 * IcebergSchemas}), and a materialized view is a {@link CatalogMaterializedTable} whose state every
 * door reads from here ({@link ViewCatalogTables}).
 *
 * <p>Table metadata is not cached: several processes, pipelines and queries share the warehouse.
 */
public class WarehouseCatalog extends DelegatingCatalog {

    public static final String PUBLIC = "public";

    /** Redshift's system schema: the refresh history and the views' leases. */
    public static final String PG_CATALOG = "pg_catalog";

    /**
     * The schema of the procedures: {@code CALL w.sys.refresh_materialized_view(...)}, as Paimon
     * names it ({@code system} is a reserved word of Flink SQL: {@code w.`system`} works too).
     */
    public static final String SYSTEM = "sys";

    private static final List<String> PROCEDURE_SCHEMAS = List.of(SYSTEM, "system");

    private final String name;
    private final WarehouseConfig config;
    private final IcebergSchemas schemas;

    /**
     * The configuration of the Flink session this catalog serves ({@code CREATE CATALOG}), or
     * {@code null} for the warehouse's own catalogs inside the view service.
     */
    @Nullable private final ReadableConfig session;

    /** The view service of a session on a session cluster, made on first use. */
    @Nullable private ViewService sessionViews;

    /** Catalog {@code name} over the warehouse that {@code config} describes. */
    public WarehouseCatalog(String name, WarehouseConfig config) {
        this(name, config, connect(name, config), null);
    }

    /**
     * The catalog a Flink session creates ({@code CREATE CATALOG}): besides the warehouse's
     * schemas, its {@code CREATE/ALTER/DROP MATERIALIZED TABLE} act on the view service ({@link
     * MaterializedTables}).
     */
    public static WarehouseCatalog forSession(
            String name, WarehouseConfig config, ReadableConfig session) {
        return new WarehouseCatalog(name, config, connect(name, config), session);
    }

    /** The embedded default: Iceberg's Hadoop catalog at {@code location}. */
    public WarehouseCatalog(
            String name, WarehouseLocation location, Map<String, String> kinesisSettings) {
        this(name, WarehouseConfig.hadoop(location, kinesisSettings));
    }

    private WarehouseCatalog(
            String name,
            WarehouseConfig config,
            IcebergSchemas schemas,
            @Nullable ReadableConfig session) {
        super(schemas);
        this.name = name;
        this.config = config;
        this.schemas = schemas;
        this.session = session;
    }

    private static IcebergSchemas connect(String name, WarehouseConfig config) {
        config.localCatalogDirectory().ifPresent(WarehouseCatalog::createDirectory);
        try {
            return new IcebergSchemas(name, config);
        } catch (RuntimeException e) {
            throw unreachable(config, e);
        }
    }

    @Override
    public void open() throws CatalogException {
        try {
            super.open();
        } catch (RuntimeException e) {
            throw unreachable(config, e);
        }
    }

    /**
     * Creates the Hadoop catalog's directory if it is missing, or says why it cannot be: Iceberg's
     * Hadoop catalog would only answer a first listing with "Namespace does not exist: " (the root
     * namespace has an empty name).
     */
    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            String reason =
                    e instanceof AccessDeniedException
                            ? "permission denied"
                            : e instanceof FileSystemException f && f.getReason() != null
                                    ? f.getReason()
                                    : e.toString();
            throw new WarehouseException(
                    "Cannot create the warehouse's directory "
                            + directory
                            + " ("
                            + reason
                            + "). Choose a warehouse this process can create and write:"
                            + " --warehouse DIR, or the catalog's option 'warehouse'.",
                    e);
        }
    }

    private static WarehouseException unreachable(WarehouseConfig config, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new WarehouseException(
                "Cannot open the warehouse's "
                        + config.describeBackend()
                        + ": "
                        + root.getMessage()
                        + ". Check that it is running and reachable, and the catalog's options"
                        + " (catalog-type, uri, warehouse).",
                e);
    }

    public String getName() {
        return name;
    }

    /** The options this catalog was made from. */
    public WarehouseConfig config() {
        return config;
    }

    /** The Iceberg catalog behind the regular schemas. */
    public Catalog catalog() {
        return schemas.catalog();
    }

    /** The external schema named {@code schema}, or empty for a regular or unknown schema. */
    public Optional<ExternalSchema> externalSchema(String schema) {
        return schemas.externalSchema(schema);
    }

    /** Persists {@code schema}; fails if a schema of that name exists (unless ifNotExists). */
    public void createExternalSchema(ExternalSchema schema, boolean ifNotExists) {
        schemas.createExternalSchema(schema, ifNotExists);
    }

    /** The Kinesis settings of the streams of {@code schema}. */
    public Configuration kinesisConfig(ExternalSchema schema) {
        return schemas.kinesisConfig(schema);
    }

    /** A table, a stream, or a materialized view as a {@link CatalogMaterializedTable}. */
    @Override
    public CatalogBaseTable getTable(ObjectPath path) throws TableNotExistException {
        CatalogTable table = schemas.getTable(path);
        if (!ViewCatalogTables.isView(table)) {
            return table;
        }
        return ViewCatalogTables.materialized(
                new ObjectName(path.getDatabaseName(), path.getObjectName()),
                table,
                catalog(),
                config);
    }

    /** The procedures of {@code CALL <catalog>.system.<procedure>(...)}, by name. */
    private Map<String, Procedure> procedures() {
        ViewCall.Opener calls = this::viewCall;
        return Map.of(
                RefreshMaterializedViewProcedure.NAME,
                new RefreshMaterializedViewProcedure(calls),
                AlterAutoRefreshProcedure.NAME,
                new AlterAutoRefreshProcedure(calls),
                CreateExternalSchemaProcedure.NAME,
                new CreateExternalSchemaProcedure(name, config),
                CreateMaterializedViewProcedure.NAME,
                new CreateMaterializedViewProcedure(name, calls),
                ExpireSnapshotsProcedure.NAME,
                new ExpireSnapshotsProcedure(name, config),
                RewriteDataFilesProcedure.NAME,
                new RewriteDataFilesProcedure(name, config),
                RemoveOrphanFilesProcedure.NAME,
                new RemoveOrphanFilesProcedure(name, config));
    }

    @Override
    public List<String> listProcedures(String database) throws DatabaseNotExistException {
        if (!PROCEDURE_SCHEMAS.contains(database)) {
            return List.of();
        }
        return procedures().keySet().stream().sorted().toList();
    }

    @Override
    public Procedure getProcedure(ObjectPath path) throws ProcedureNotExistException {
        Procedure procedure =
                PROCEDURE_SCHEMAS.contains(path.getDatabaseName())
                        ? procedures().get(path.getObjectName())
                        : null;
        if (procedure == null) {
            throw new ProcedureNotExistException(name, path);
        }
        return procedure;
    }

    /**
     * The view service for a procedure call in a session configured by {@code callSession}: the
     * service this catalog shares with its materialized tables when its session submits to a
     * session cluster (so that a REFRESH acts on the pipelines the session's {@code CREATE
     * MATERIALIZED TABLE} started, under the same lease), else one for the call.
     */
    private ViewCall viewCall(ReadableConfig callSession) {
        if (session != null
                && ViewService.remoteCluster(callSession).isPresent()
                && ViewService.remoteCluster(callSession)
                        .equals(ViewService.remoteCluster(session))) {
            return ViewCall.shared(sessionViews());
        }
        return ViewCall.open(config, callSession);
    }

    /** The view service for a statement of this catalog's own session. */
    ViewCall viewCallForSession() {
        return viewCall(session);
    }

    /** The view service of this catalog's session, on its session cluster. */
    synchronized ViewService sessionViews() {
        if (sessionViews == null) {
            if (session == null || ViewService.remoteCluster(session).isEmpty()) {
                throw new WarehouseException(
                        "Materialized tables in the warehouse catalog need a Flink session cluster"
                                + " to run their pipelines: set execution.target: remote and"
                                + " rest.address/rest.port (a SQL gateway configured from"
                                + " sql-gateway-config/ does). In a local session, create views"
                                + " with the streaming-ingest CLI and refresh them with CALL "
                                + name
                                + ".sys."
                                + RefreshMaterializedViewProcedure.NAME
                                + "('schema.view').");
            }
            sessionViews = ViewService.open(config, session);
        }
        return sessionViews;
    }

    @Override
    public void createTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfExists)
            throws TableAlreadyExistException, DatabaseNotExistException {
        if (table instanceof ResolvedCatalogMaterializedTable materialized) {
            if (ignoreIfExists && tableExists(path)) {
                return;
            }
            MaterializedTables.create(this, path, materialized);
            return;
        }
        if (table instanceof CatalogMaterializedTable) {
            throw new CatalogException(
                    "CREATE MATERIALIZED TABLE " + path.getFullName() + " needs a resolved table.");
        }
        super.createTable(path, table, ignoreIfExists);
    }

    @Override
    public void alterTable(ObjectPath path, CatalogBaseTable newTable, boolean ignoreIfNotExists)
            throws TableNotExistException {
        if (newTable instanceof CatalogMaterializedTable materialized) {
            MaterializedTables.alter(this, path, materialized, List.of());
            return;
        }
        super.alterTable(path, newTable, ignoreIfNotExists);
    }

    @Override
    public void alterTable(
            ObjectPath path,
            CatalogBaseTable newTable,
            List<TableChange> tableChanges,
            boolean ignoreIfNotExists)
            throws TableNotExistException {
        if (newTable instanceof CatalogMaterializedTable materialized) {
            MaterializedTables.alter(this, path, materialized, tableChanges);
            return;
        }
        super.alterTable(path, newTable, tableChanges, ignoreIfNotExists);
    }

    @Override
    public void dropTable(ObjectPath path, boolean ignoreIfNotExists)
            throws TableNotExistException {
        if (session != null
                && tableExists(path)
                && getTable(path) instanceof CatalogMaterializedTable) {
            MaterializedTables.drop(this, path);
            return;
        }
        super.dropTable(path, ignoreIfNotExists);
    }

    /**
     * Closes the catalog; a session's view service leaves the pipelines of its materialized tables
     * running on the session cluster, as Flink's materialized tables outlive their session.
     */
    @Override
    public void close() throws CatalogException {
        ViewService views;
        synchronized (this) {
            views = sessionViews;
            sessionViews = null;
        }
        try {
            if (views != null) {
                views.closeLeavingPipelinesRunning();
            }
        } catch (Exception e) {
            throw new CatalogException("Could not close the view service of " + name, e);
        } finally {
            super.close();
        }
    }
}
