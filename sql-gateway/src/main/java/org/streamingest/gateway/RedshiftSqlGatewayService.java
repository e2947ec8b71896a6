package org.streamingest.gateway;

import org.streamingest.warehouse.catalog.ObjectName;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogBaseTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UnresolvedIdentifier;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.gateway.api.SqlGatewayService;
import org.apache.flink.table.gateway.api.endpoint.EndpointVersion;
import org.apache.flink.table.gateway.api.operation.OperationHandle;
import org.apache.flink.table.gateway.api.results.FetchOrientation;
import org.apache.flink.table.gateway.api.results.FunctionInfo;
import org.apache.flink.table.gateway.api.results.GatewayInfo;
import org.apache.flink.table.gateway.api.results.OperationInfo;
import org.apache.flink.table.gateway.api.results.ResultSet;
import org.apache.flink.table.gateway.api.results.TableInfo;
import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.api.utils.SqlGatewayException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The gateway's service with Redshift SQL in front: {@link #executeStatement} runs what the {@link
 * RedshiftTranslator} makes of the statement; every other call is the gateway's own. A statement
 * the translation rejects becomes an operation that fails with the front end's message, as a
 * failing Flink statement does, so the client shows it as any error and the session goes on.
 */
final class RedshiftSqlGatewayService implements SqlGatewayService {

    private static final Logger LOG = LoggerFactory.getLogger(RedshiftSqlGatewayService.class);

    private final SqlGatewayService service;
    private final RedshiftTranslator translator;

    RedshiftSqlGatewayService(SqlGatewayService service, RedshiftTranslator translator) {
        this.service = service;
        this.translator = translator;
    }

    @Override
    public OperationHandle executeStatement(
            SessionHandle session, String statement, long timeout, Configuration config)
            throws SqlGatewayException {
        if (RedshiftModules.loadsRedshift(statement)) {
            return service.executeStatement(session, RedshiftModules.USE, timeout, config);
        }
        Translation translation;
        try {
            translation = translator.translate(statement, new Session(session));
        } catch (RuntimeException e) {
            return service.submitOperation(session, failing(e));
        }
        if (!translation.redshift()) {
            return service.executeStatement(session, statement, timeout, config);
        }
        LOG.info("Session {}: {} runs as {}", session, statement, translation.statement());
        Configuration statementConfig = new Configuration(config);
        translation.options().forEach(statementConfig::setString);
        return service.executeStatement(session, translation.statement(), timeout, statementConfig);
    }

    private static Callable<ResultSet> failing(RuntimeException e) {
        return () -> {
            throw e;
        };
    }

    /** The session as the translation sees it, through the gateway's service. */
    private final class Session implements SessionView {
        private final SessionHandle handle;

        Session(SessionHandle handle) {
            this.handle = handle;
        }

        @Override
        public boolean hasCatalog(String catalog) {
            return service.listCatalogs(handle).contains(catalog);
        }

        @Override
        public Optional<Map<String, String>> relation(String catalog, ObjectName name) {
            try {
                return Optional.of(
                        service.getTable(
                                        handle,
                                        ObjectIdentifier.of(catalog, name.schema(), name.name()))
                                .getOptions());
            } catch (SqlGatewayException missing) {
                return Optional.empty();
            }
        }

        @Override
        public Map<String, String> config() {
            return service.getSessionConfig(handle);
        }
    }

    // ---- the gateway's own

    @Override
    public SessionHandle openSession(SessionEnvironment environment) throws SqlGatewayException {
        SessionHandle session = service.openSession(environment);
        try {
            RedshiftModules.load(service, session);
        } catch (RuntimeException e) {
            service.closeSession(session);
            throw e;
        }
        return session;
    }

    @Override
    public void closeSession(SessionHandle session) throws SqlGatewayException {
        service.closeSession(session);
    }

    @Override
    public void configureSession(SessionHandle session, String statement, long timeout)
            throws SqlGatewayException {
        service.configureSession(
                session,
                RedshiftModules.loadsRedshift(statement) ? RedshiftModules.USE : statement,
                timeout);
    }

    @Override
    public Map<String, String> getSessionConfig(SessionHandle session) throws SqlGatewayException {
        return service.getSessionConfig(session);
    }

    @Override
    public EndpointVersion getSessionEndpointVersion(SessionHandle session)
            throws SqlGatewayException {
        return service.getSessionEndpointVersion(session);
    }

    @Override
    public OperationHandle submitOperation(SessionHandle session, Callable<ResultSet> executor)
            throws SqlGatewayException {
        return service.submitOperation(session, executor);
    }

    @Override
    public void cancelOperation(SessionHandle session, OperationHandle operation)
            throws SqlGatewayException {
        service.cancelOperation(session, operation);
    }

    @Override
    public void closeOperation(SessionHandle session, OperationHandle operation)
            throws SqlGatewayException {
        service.closeOperation(session, operation);
    }

    @Override
    public OperationInfo getOperationInfo(SessionHandle session, OperationHandle operation)
            throws SqlGatewayException {
        return service.getOperationInfo(session, operation);
    }

    @Override
    public ResolvedSchema getOperationResultSchema(SessionHandle session, OperationHandle operation)
            throws SqlGatewayException {
        return service.getOperationResultSchema(session, operation);
    }

    @Override
    public ResultSet fetchResults(
            SessionHandle session, OperationHandle operation, long token, int maxRows)
            throws SqlGatewayException {
        return service.fetchResults(session, operation, token, maxRows);
    }

    @Override
    public ResultSet fetchResults(
            SessionHandle session,
            OperationHandle operation,
            FetchOrientation orientation,
            int maxRows)
            throws SqlGatewayException {
        return service.fetchResults(session, operation, orientation, maxRows);
    }

    @Override
    public String getCurrentCatalog(SessionHandle session) throws SqlGatewayException {
        return service.getCurrentCatalog(session);
    }

    @Override
    public Set<String> listCatalogs(SessionHandle session) throws SqlGatewayException {
        return service.listCatalogs(session);
    }

    @Override
    public Set<String> listDatabases(SessionHandle session, String catalog)
            throws SqlGatewayException {
        return service.listDatabases(session, catalog);
    }

    @Override
    public Set<TableInfo> listTables(
            SessionHandle session,
            String catalog,
            String database,
            Set<CatalogBaseTable.TableKind> kinds)
            throws SqlGatewayException {
        return service.listTables(session, catalog, database, kinds);
    }

    @Override
    public ResolvedCatalogBaseTable<?> getTable(SessionHandle session, ObjectIdentifier table)
            throws SqlGatewayException {
        return service.getTable(session, table);
    }

    @Override
    public Set<FunctionInfo> listUserDefinedFunctions(
            SessionHandle session, String catalog, String database) throws SqlGatewayException {
        return service.listUserDefinedFunctions(session, catalog, database);
    }

    @Override
    public Set<FunctionInfo> listSystemFunctions(SessionHandle session) throws SqlGatewayException {
        return service.listSystemFunctions(session);
    }

    @Override
    public FunctionDefinition getFunctionDefinition(
            SessionHandle session, UnresolvedIdentifier function) throws SqlGatewayException {
        return service.getFunctionDefinition(session, function);
    }

    @Override
    public GatewayInfo getGatewayInfo() {
        return service.getGatewayInfo();
    }

    @Override
    public List<String> completeStatement(SessionHandle session, String statement, int position)
            throws SqlGatewayException {
        return service.completeStatement(session, statement, position);
    }

    @Override
    public OperationHandle refreshMaterializedTable(
            SessionHandle session,
            String materializedTableIdentifier,
            boolean isPeriodic,
            String scheduleTime,
            Map<String, String> dynamicOptions,
            Map<String, String> staticPartitions,
            Map<String, String> executionConfig) {
        return service.refreshMaterializedTable(
                session,
                materializedTableIdentifier,
                isPeriodic,
                scheduleTime,
                dynamicOptions,
                staticPartitions,
                executionConfig);
    }

    @Override
    public <ClusterID> ClusterID deployScript(
            SessionHandle session, URI scriptUri, String script, Configuration executionConfig)
            throws SqlGatewayException {
        return service.deployScript(session, scriptUri, script, executionConfig);
    }
}
