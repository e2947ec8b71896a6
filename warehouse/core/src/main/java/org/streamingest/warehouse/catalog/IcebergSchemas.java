package org.streamingest.warehouse.catalog;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.catalog.KinesisCatalog;
import org.streamingest.warehouse.view.ScanStates;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.factories.Factory;

import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.flink.FlinkCatalog;
import org.apache.iceberg.flink.FlinkDynamicTableFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schemas of a warehouse, as Iceberg's Flink catalog with Redshift's external schemas added;
 * {@link WarehouseCatalog} puts the view service's face on it. Its databases are schemas.
 *
 * <ul>
 *   <li>Regular schemas ({@code public} always exists) are namespaces of an Iceberg Hadoop catalog
 *       under {@link WarehouseLocation#iceberg()}; this class is Iceberg's {@link FlinkCatalog} for
 *       them, so materialized views and tables are plain Iceberg tables.
 *   <li>External schemas ({@code CREATE EXTERNAL SCHEMA kds FROM KINESIS ...}) are persisted in the
 *       same Iceberg catalog ({@link ExternalSchemaStore}); their tables are the Kinesis streams,
 *       served by a {@link KinesisCatalog} built from the schema's region and IAM role plus the
 *       session's Kinesis settings ({@code aws.*}, {@code scan.*}). So {@code kds.my_stream}
 *       resolves as in Redshift.
 * </ul>
 *
 * Table metadata is not cached: several pipelines and queries share the warehouse.
 */
class IcebergSchemas extends FlinkCatalog {

    static final String PUBLIC = WarehouseCatalog.PUBLIC;
    static final String PG_CATALOG = WarehouseCatalog.PG_CATALOG;

    private final Map<String, String> kinesisSettings;
    private final ExternalSchemaStore externalSchemas;
    private final SystemTables system;
    private final Map<String, KinesisCatalog> streams = new HashMap<>();

    /** The schemas of the warehouse that {@code config} describes, as catalog {@code name}. */
    IcebergSchemas(String name, WarehouseConfig config) {
        super(name, PUBLIC, Namespace.empty(), config.loader(), Map.of(), false, -1);
        this.kinesisSettings = config.kinesisSettings();
        this.externalSchemas = new ExternalSchemaStore(catalog());
        // A Flink session knows no pipeline: stv_mv_info's pipeline column is NULL there.
        this.system = new SystemTables(catalog(), () -> null);
    }

    @Override
    public void open() throws CatalogException {
        super.open();
        // As in Redshift, both always exist: the default schema, and the system schema that holds
        // the refresh history and the views' leases.
        for (String schema : List.of(PUBLIC, PG_CATALOG)) {
            if (!super.databaseExists(schema)) {
                try {
                    super.createDatabase(schema, new CatalogDatabaseImpl(Map.of(), null), true);
                } catch (DatabaseAlreadyExistException cannotHappen) {
                    throw new IllegalStateException(cannotHappen);
                }
            }
        }
    }

    @Override
    public void close() throws CatalogException {
        streams.values().forEach(KinesisCatalog::close);
        streams.clear();
        super.close();
    }

    // ---- external schemas

    /** The external schema named {@code schema}, or empty for a regular or unknown schema. */
    public Optional<ExternalSchema> externalSchema(String schema) {
        return externalSchemas.find(schema);
    }

    /** Persists {@code schema}; fails if a schema of that name exists (unless ifNotExists). */
    public void createExternalSchema(ExternalSchema schema, boolean ifNotExists) {
        if (databaseExists(schema.name())) {
            if (ifNotExists) {
                return;
            }
            throw new CatalogException(
                    "Schema '"
                            + schema.name()
                            + "' already exists. Choose another name, or use CREATE EXTERNAL"
                            + " SCHEMA IF NOT EXISTS.");
        }
        externalSchemas.create(schema);
    }

    @Override
    public CatalogDatabase getDatabase(String name) throws DatabaseNotExistException {
        Optional<ExternalSchema> external = externalSchema(name);
        if (external.isPresent()) {
            return new CatalogDatabaseImpl(
                    external.get().toProperties(),
                    "External schema: the Kinesis streams of "
                            + Optional.ofNullable(external.get().region())
                                    .orElse("the session's region"));
        }
        return super.getDatabase(name);
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade)
            throws DatabaseNotExistException, DatabaseNotEmptyException {
        if (externalSchema(name).isPresent()) {
            KinesisCatalog open = streams.remove(name);
            if (open != null) {
                open.close();
            }
            externalSchemas.drop(name);
            return;
        }
        super.dropDatabase(name, ignoreIfNotExists, cascade);
    }

    // ---- tables: streams in external schemas, Iceberg tables elsewhere

    @Override
    public List<String> listTables(String database) throws DatabaseNotExistException {
        if (SystemTables.SCHEMA.equals(database)) {
            Set<String> tables = new TreeSet<>(SystemTables.NAMES);
            super.listTables(database).stream()
                    .filter(name -> !name.startsWith("$")) // internal, as the leases
                    .filter(name -> !ScanStates.isScanTable(name)) // read through the view
                    .forEach(tables::add);
            return List.copyOf(tables);
        }
        Optional<KinesisCatalog> kinesis = streamsOf(database);
        return kinesis.isPresent()
                ? kinesis.get().listTables(database)
                : super.listTables(database);
    }

    @Override
    public CatalogTable getTable(ObjectPath path) throws TableNotExistException {
        if (SystemTables.isComputed(path)) {
            return SystemTables.computedTable(path.getObjectName());
        }
        if (SystemTables.isHistory(path) && !super.tableExists(path)) {
            system.ensureHistory();
        }
        Optional<KinesisCatalog> kinesis = streamsOf(path.getDatabaseName());
        return kinesis.isPresent()
                ? (CatalogTable) kinesis.get().getTable(path)
                : super.getTable(path);
    }

    @Override
    public boolean tableExists(ObjectPath path) {
        if (SystemTables.isComputed(path) || SystemTables.isHistory(path)) {
            return true;
        }
        Optional<KinesisCatalog> kinesis = streamsOf(path.getDatabaseName());
        return kinesis.isPresent() ? kinesis.get().tableExists(path) : super.tableExists(path);
    }

    @Override
    public void createTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfExists)
            throws org.apache.flink.table.catalog.exceptions.TableAlreadyExistException {
        rejectStreamChange(path, "CREATE TABLE");
        super.createTable(path, table, ignoreIfExists);
    }

    @Override
    public void dropTable(ObjectPath path, boolean ignoreIfNotExists)
            throws TableNotExistException {
        rejectStreamChange(path, "DROP TABLE");
        super.dropTable(path, ignoreIfNotExists);
    }

    @Override
    public Optional<Factory> getFactory() {
        return Optional.of(new WarehouseTableFactory(new FlinkDynamicTableFactory(this), system));
    }

    private void rejectStreamChange(ObjectPath path, String operation) {
        if (externalSchema(path.getDatabaseName()).isPresent()) {
            throw new CatalogException(
                    operation
                            + " is not supported in external schema '"
                            + path.getDatabaseName()
                            + "': its tables are the Kinesis streams. Create and delete streams in"
                            + " Kinesis; create views and tables in a regular schema such as public.");
        }
    }

    private Optional<KinesisCatalog> streamsOf(String schema) {
        KinesisCatalog open = streams.get(schema);
        if (open != null) {
            return Optional.of(open);
        }
        Optional<ExternalSchema> external = externalSchema(schema);
        if (external.isEmpty()) {
            return Optional.empty();
        }
        KinesisCatalog kinesis =
                new KinesisCatalog(getName(), schema, kinesisConfig(external.get()));
        kinesis.open();
        streams.put(schema, kinesis);
        return Optional.of(kinesis);
    }

    /** The session's Kinesis settings, with the schema's region and IAM role on top. */
    public Configuration kinesisConfig(ExternalSchema schema) {
        Configuration config = Configuration.fromMap(kinesisSettings);
        if (schema.region() != null) {
            config.set(AwsOptions.REGION, schema.region());
        }
        if (!schema.usesDefaultRole()) {
            config.set(AwsOptions.IAM_ROLE, schema.iamRole());
        }
        return config;
    }
}
