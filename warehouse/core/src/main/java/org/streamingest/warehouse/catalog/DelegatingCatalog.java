package org.streamingest.warehouse.catalog;

import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogModel;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.ModelChange;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.TableChange;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.ModelAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.ModelNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionAlreadyExistsException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionSpecInvalidException;
import org.apache.flink.table.catalog.exceptions.ProcedureNotExistException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.exceptions.TablePartitionedException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.factories.Factory;
import org.apache.flink.table.factories.FunctionDefinitionFactory;
import org.apache.flink.table.procedures.Procedure;

import java.util.List;
import java.util.Optional;

/**
 * A Flink {@link Catalog} that forwards every call to another one; subclasses override what they
 * change. Generated from Flink 2.1's {@code Catalog} interface, default methods included, so that
 * whatever the delegate implements (or refuses) stays in effect.
 */
abstract class DelegatingCatalog implements Catalog {

    private final Catalog delegate;

    DelegatingCatalog(Catalog delegate) {
        this.delegate = delegate;
    }

    /** The catalog every call goes to. */
    Catalog delegate() {
        return delegate;
    }

    @Override
    public Optional<Factory> getFactory() {
        return delegate.getFactory();
    }

    @Override
    public Optional<FunctionDefinitionFactory> getFunctionDefinitionFactory() {
        return delegate.getFunctionDefinitionFactory();
    }

    @Override
    public void open() throws CatalogException {
        delegate.open();
    }

    @Override
    public void close() throws CatalogException {
        delegate.close();
    }

    @Override
    public String getDefaultDatabase() throws CatalogException {
        return delegate.getDefaultDatabase();
    }

    @Override
    public List<String> listDatabases() throws CatalogException {
        return delegate.listDatabases();
    }

    @Override
    public CatalogDatabase getDatabase(String a0)
            throws DatabaseNotExistException, CatalogException {
        return delegate.getDatabase(a0);
    }

    @Override
    public boolean databaseExists(String a0) throws CatalogException {
        return delegate.databaseExists(a0);
    }

    @Override
    public void createDatabase(String a0, CatalogDatabase a1, boolean a2)
            throws DatabaseAlreadyExistException, CatalogException {
        delegate.createDatabase(a0, a1, a2);
    }

    @Override
    public void dropDatabase(String a0, boolean a1)
            throws DatabaseNotExistException, DatabaseNotEmptyException, CatalogException {
        delegate.dropDatabase(a0, a1);
    }

    @Override
    public void dropDatabase(String a0, boolean a1, boolean a2)
            throws DatabaseNotExistException, DatabaseNotEmptyException, CatalogException {
        delegate.dropDatabase(a0, a1, a2);
    }

    @Override
    public void alterDatabase(String a0, CatalogDatabase a1, boolean a2)
            throws DatabaseNotExistException, CatalogException {
        delegate.alterDatabase(a0, a1, a2);
    }

    @Override
    public List<String> listTables(String a0) throws DatabaseNotExistException, CatalogException {
        return delegate.listTables(a0);
    }

    @Override
    public List<String> listViews(String a0) throws DatabaseNotExistException, CatalogException {
        return delegate.listViews(a0);
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath a0)
            throws TableNotExistException, CatalogException {
        return delegate.getTable(a0);
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath a0, long a1)
            throws TableNotExistException, CatalogException {
        return delegate.getTable(a0, a1);
    }

    @Override
    public boolean tableExists(ObjectPath a0) throws CatalogException {
        return delegate.tableExists(a0);
    }

    @Override
    public void dropTable(ObjectPath a0, boolean a1)
            throws TableNotExistException, CatalogException {
        delegate.dropTable(a0, a1);
    }

    @Override
    public void renameTable(ObjectPath a0, String a1, boolean a2)
            throws TableNotExistException, TableAlreadyExistException, CatalogException {
        delegate.renameTable(a0, a1, a2);
    }

    @Override
    public void createTable(ObjectPath a0, CatalogBaseTable a1, boolean a2)
            throws TableAlreadyExistException, DatabaseNotExistException, CatalogException {
        delegate.createTable(a0, a1, a2);
    }

    @Override
    public void alterTable(ObjectPath a0, CatalogBaseTable a1, boolean a2)
            throws TableNotExistException, CatalogException {
        delegate.alterTable(a0, a1, a2);
    }

    @Override
    public void alterTable(ObjectPath a0, CatalogBaseTable a1, List<TableChange> a2, boolean a3)
            throws TableNotExistException, CatalogException {
        delegate.alterTable(a0, a1, a2, a3);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath a0)
            throws TableNotExistException, TableNotPartitionedException, CatalogException {
        return delegate.listPartitions(a0);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath a0, CatalogPartitionSpec a1)
            throws TableNotExistException,
                    TableNotPartitionedException,
                    PartitionSpecInvalidException,
                    CatalogException {
        return delegate.listPartitions(a0, a1);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(ObjectPath a0, List<Expression> a1)
            throws TableNotExistException, TableNotPartitionedException, CatalogException {
        return delegate.listPartitionsByFilter(a0, a1);
    }

    @Override
    public CatalogPartition getPartition(ObjectPath a0, CatalogPartitionSpec a1)
            throws PartitionNotExistException, CatalogException {
        return delegate.getPartition(a0, a1);
    }

    @Override
    public boolean partitionExists(ObjectPath a0, CatalogPartitionSpec a1) throws CatalogException {
        return delegate.partitionExists(a0, a1);
    }

    @Override
    public void createPartition(
            ObjectPath a0, CatalogPartitionSpec a1, CatalogPartition a2, boolean a3)
            throws TableNotExistException,
                    TableNotPartitionedException,
                    PartitionSpecInvalidException,
                    PartitionAlreadyExistsException,
                    CatalogException {
        delegate.createPartition(a0, a1, a2, a3);
    }

    @Override
    public void dropPartition(ObjectPath a0, CatalogPartitionSpec a1, boolean a2)
            throws PartitionNotExistException, CatalogException {
        delegate.dropPartition(a0, a1, a2);
    }

    @Override
    public void alterPartition(
            ObjectPath a0, CatalogPartitionSpec a1, CatalogPartition a2, boolean a3)
            throws PartitionNotExistException, CatalogException {
        delegate.alterPartition(a0, a1, a2, a3);
    }

    @Override
    public List<String> listFunctions(String a0)
            throws DatabaseNotExistException, CatalogException {
        return delegate.listFunctions(a0);
    }

    @Override
    public List<String> listProcedures(String a0)
            throws DatabaseNotExistException, CatalogException {
        return delegate.listProcedures(a0);
    }

    @Override
    public CatalogFunction getFunction(ObjectPath a0)
            throws FunctionNotExistException, CatalogException {
        return delegate.getFunction(a0);
    }

    @Override
    public Procedure getProcedure(ObjectPath a0)
            throws ProcedureNotExistException, CatalogException {
        return delegate.getProcedure(a0);
    }

    @Override
    public boolean functionExists(ObjectPath a0) throws CatalogException {
        return delegate.functionExists(a0);
    }

    @Override
    public void createFunction(ObjectPath a0, CatalogFunction a1, boolean a2)
            throws FunctionAlreadyExistException, DatabaseNotExistException, CatalogException {
        delegate.createFunction(a0, a1, a2);
    }

    @Override
    public void alterFunction(ObjectPath a0, CatalogFunction a1, boolean a2)
            throws FunctionNotExistException, CatalogException {
        delegate.alterFunction(a0, a1, a2);
    }

    @Override
    public void dropFunction(ObjectPath a0, boolean a1)
            throws FunctionNotExistException, CatalogException {
        delegate.dropFunction(a0, a1);
    }

    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath a0)
            throws TableNotExistException, CatalogException {
        return delegate.getTableStatistics(a0);
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath a0)
            throws TableNotExistException, CatalogException {
        return delegate.getTableColumnStatistics(a0);
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(ObjectPath a0, CatalogPartitionSpec a1)
            throws PartitionNotExistException, CatalogException {
        return delegate.getPartitionStatistics(a0, a1);
    }

    @Override
    public List<CatalogTableStatistics> bulkGetPartitionStatistics(
            ObjectPath a0, List<CatalogPartitionSpec> a1)
            throws PartitionNotExistException, CatalogException {
        return delegate.bulkGetPartitionStatistics(a0, a1);
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(
            ObjectPath a0, CatalogPartitionSpec a1)
            throws PartitionNotExistException, CatalogException {
        return delegate.getPartitionColumnStatistics(a0, a1);
    }

    @Override
    public List<CatalogColumnStatistics> bulkGetPartitionColumnStatistics(
            ObjectPath a0, List<CatalogPartitionSpec> a1)
            throws PartitionNotExistException, CatalogException {
        return delegate.bulkGetPartitionColumnStatistics(a0, a1);
    }

    @Override
    public void alterTableStatistics(ObjectPath a0, CatalogTableStatistics a1, boolean a2)
            throws TableNotExistException, CatalogException {
        delegate.alterTableStatistics(a0, a1, a2);
    }

    @Override
    public void alterTableColumnStatistics(ObjectPath a0, CatalogColumnStatistics a1, boolean a2)
            throws TableNotExistException, CatalogException, TablePartitionedException {
        delegate.alterTableColumnStatistics(a0, a1, a2);
    }

    @Override
    public void alterPartitionStatistics(
            ObjectPath a0, CatalogPartitionSpec a1, CatalogTableStatistics a2, boolean a3)
            throws PartitionNotExistException, CatalogException {
        delegate.alterPartitionStatistics(a0, a1, a2, a3);
    }

    @Override
    public void alterPartitionColumnStatistics(
            ObjectPath a0, CatalogPartitionSpec a1, CatalogColumnStatistics a2, boolean a3)
            throws PartitionNotExistException, CatalogException {
        delegate.alterPartitionColumnStatistics(a0, a1, a2, a3);
    }

    @Override
    public List<String> listModels(String a0) throws DatabaseNotExistException, CatalogException {
        return delegate.listModels(a0);
    }

    @Override
    public CatalogModel getModel(ObjectPath a0) throws ModelNotExistException, CatalogException {
        return delegate.getModel(a0);
    }

    @Override
    public boolean modelExists(ObjectPath a0) throws CatalogException {
        return delegate.modelExists(a0);
    }

    @Override
    public void dropModel(ObjectPath a0, boolean a1)
            throws ModelNotExistException, CatalogException {
        delegate.dropModel(a0, a1);
    }

    @Override
    public void renameModel(ObjectPath a0, String a1, boolean a2)
            throws ModelNotExistException, ModelAlreadyExistException, CatalogException {
        delegate.renameModel(a0, a1, a2);
    }

    @Override
    public void createModel(ObjectPath a0, CatalogModel a1, boolean a2)
            throws ModelAlreadyExistException, DatabaseNotExistException, CatalogException {
        delegate.createModel(a0, a1, a2);
    }

    @Override
    public void alterModel(ObjectPath a0, CatalogModel a1, boolean a2)
            throws ModelNotExistException, CatalogException {
        delegate.alterModel(a0, a1, a2);
    }

    @Override
    public void alterModel(ObjectPath a0, CatalogModel a1, List<ModelChange> a2, boolean a3)
            throws ModelNotExistException, CatalogException {
        delegate.alterModel(a0, a1, a2, a3);
    }
}
