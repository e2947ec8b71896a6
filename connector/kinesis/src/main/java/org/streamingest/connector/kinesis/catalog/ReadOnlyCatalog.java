package org.streamingest.connector.kinesis.catalog;

import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogModel;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.ModelChange;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.ProcedureNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.procedures.Procedure;

import java.util.List;

/**
 * A catalog of unpartitioned tables, without views, functions, models or procedures, that Flink
 * cannot change: every write or DDL operation fails with {@link #readOnly(String)}, whatever its
 * {@code ignoreIf...} flag, so that nobody believes a change took effect. Subclasses provide
 * databases and tables.
 */
abstract class ReadOnlyCatalog extends AbstractCatalog {

    ReadOnlyCatalog(String name, String defaultDatabase) {
        super(name, defaultDatabase);
    }

    /** The error for a write or DDL operation: says why and where changes are made instead. */
    protected abstract CatalogException readOnly(String operation);

    /** Throws {@link DatabaseNotExistException} unless the database exists. */
    protected void checkDatabase(String databaseName) throws DatabaseNotExistException {
        if (!databaseExists(databaseName)) {
            throw new DatabaseNotExistException(getName(), databaseName);
        }
    }

    // ---- databases, tables, views: writes

    @Override
    public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists) {
        throw readOnly("CREATE DATABASE " + name);
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade) {
        throw readOnly("DROP DATABASE " + name);
    }

    @Override
    public void alterDatabase(String name, CatalogDatabase newDatabase, boolean ignoreIfNotExists) {
        throw readOnly("ALTER DATABASE " + name);
    }

    @Override
    public List<String> listViews(String databaseName) throws DatabaseNotExistException {
        checkDatabase(databaseName);
        return List.of();
    }

    @Override
    public void dropTable(ObjectPath tablePath, boolean ignoreIfNotExists) {
        throw readOnly("DROP TABLE " + tablePath.getFullName());
    }

    @Override
    public void renameTable(ObjectPath tablePath, String newTableName, boolean ignoreIfNotExists) {
        throw readOnly("ALTER TABLE " + tablePath.getFullName() + " RENAME");
    }

    @Override
    public void createTable(ObjectPath tablePath, CatalogBaseTable table, boolean ignoreIfExists) {
        throw readOnly("CREATE TABLE " + tablePath.getFullName());
    }

    @Override
    public void alterTable(ObjectPath tablePath, CatalogBaseTable newTable, boolean ignore) {
        throw readOnly("ALTER TABLE " + tablePath.getFullName());
    }

    // ---- partitions: tables are not partitioned

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath tablePath)
            throws TableNotPartitionedException {
        throw new TableNotPartitionedException(getName(), tablePath);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws TableNotPartitionedException {
        throw new TableNotPartitionedException(getName(), tablePath);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(
            ObjectPath tablePath, List<Expression> filters) throws TableNotPartitionedException {
        throw new TableNotPartitionedException(getName(), tablePath);
    }

    @Override
    public CatalogPartition getPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws PartitionNotExistException {
        throw new PartitionNotExistException(getName(), tablePath, partitionSpec);
    }

    @Override
    public boolean partitionExists(ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return false;
    }

    @Override
    public void createPartition(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition partition,
            boolean ignoreIfExists) {
        throw readOnly("ALTER TABLE " + tablePath.getFullName() + " ADD PARTITION");
    }

    @Override
    public void dropPartition(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec, boolean ignoreIfNotExists) {
        throw readOnly("ALTER TABLE " + tablePath.getFullName() + " DROP PARTITION");
    }

    @Override
    public void alterPartition(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition newPartition,
            boolean ignoreIfNotExists) {
        throw readOnly("ALTER TABLE " + tablePath.getFullName() + " PARTITION");
    }

    // ---- functions: none

    @Override
    public List<String> listFunctions(String dbName) throws DatabaseNotExistException {
        checkDatabase(dbName);
        return List.of();
    }

    @Override
    public CatalogFunction getFunction(ObjectPath functionPath) throws FunctionNotExistException {
        throw new FunctionNotExistException(getName(), functionPath);
    }

    @Override
    public boolean functionExists(ObjectPath functionPath) {
        return false;
    }

    @Override
    public void createFunction(
            ObjectPath functionPath, CatalogFunction function, boolean ignoreIfExists) {
        throw readOnly("CREATE FUNCTION " + functionPath.getFullName());
    }

    @Override
    public void alterFunction(
            ObjectPath functionPath, CatalogFunction newFunction, boolean ignoreIfNotExists) {
        throw readOnly("ALTER FUNCTION " + functionPath.getFullName());
    }

    @Override
    public void dropFunction(ObjectPath functionPath, boolean ignoreIfNotExists) {
        throw readOnly("DROP FUNCTION " + functionPath.getFullName());
    }

    // ---- models and procedures: none

    @Override
    public void createModel(ObjectPath modelPath, CatalogModel model, boolean ignoreIfExists) {
        throw readOnly("CREATE MODEL " + modelPath.getFullName());
    }

    @Override
    public void alterModel(ObjectPath modelPath, CatalogModel newModel, boolean ignoreIfNotExists) {
        throw readOnly("ALTER MODEL " + modelPath.getFullName());
    }

    @Override
    public void alterModel(
            ObjectPath modelPath,
            CatalogModel newModel,
            List<ModelChange> modelChanges,
            boolean ignoreIfNotExists) {
        throw readOnly("ALTER MODEL " + modelPath.getFullName());
    }

    @Override
    public void renameModel(ObjectPath modelPath, String newModelName, boolean ignoreIfNotExists) {
        throw readOnly("ALTER MODEL " + modelPath.getFullName() + " RENAME");
    }

    @Override
    public void dropModel(ObjectPath modelPath, boolean ignoreIfNotExists) {
        throw readOnly("DROP MODEL " + modelPath.getFullName());
    }

    @Override
    public List<String> listProcedures(String dbName) throws DatabaseNotExistException {
        checkDatabase(dbName);
        return List.of();
    }

    @Override
    public Procedure getProcedure(ObjectPath procedurePath) throws ProcedureNotExistException {
        throw new ProcedureNotExistException(getName(), procedurePath);
    }

    // ---- statistics: unknown, and not writable

    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath tablePath)
            throws TableNotExistException {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath tablePath)
            throws TableNotExistException {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public void alterTableStatistics(
            ObjectPath tablePath, CatalogTableStatistics tableStatistics, boolean ignore) {
        throw readOnly("ANALYZE TABLE " + tablePath.getFullName());
    }

    @Override
    public void alterTableColumnStatistics(
            ObjectPath tablePath, CatalogColumnStatistics columnStatistics, boolean ignore) {
        throw readOnly("ANALYZE TABLE " + tablePath.getFullName());
    }

    @Override
    public void alterPartitionStatistics(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogTableStatistics partitionStatistics,
            boolean ignore) {
        throw readOnly("ANALYZE TABLE " + tablePath.getFullName());
    }

    @Override
    public void alterPartitionColumnStatistics(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogColumnStatistics columnStatistics,
            boolean ignore) {
        throw readOnly("ANALYZE TABLE " + tablePath.getFullName());
    }
}
