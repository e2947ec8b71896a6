package org.streamingest.warehouse.view;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ExternalSchema;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.CatalogMaterializedTable;
import org.apache.flink.table.catalog.CatalogMaterializedTable.RefreshStatus;
import org.apache.flink.table.catalog.IntervalFreshness;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.gateway.api.operation.OperationHandle;
import org.apache.flink.table.gateway.api.operation.OperationStatus;
import org.apache.flink.table.gateway.api.results.OperationInfo;
import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestAPIVersion;
import org.apache.flink.table.gateway.service.SqlGatewayServiceImpl;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink's materialized-table statements on the warehouse, as a SQL gateway runs them: the gateway's
 * own service ({@link SqlGatewayServiceImpl}, whose materialized-table manager submits, stops and
 * resumes the refresh jobs) in this JVM, submitting to a session cluster (a MiniCluster behind its
 * REST endpoint, {@code execution.target: remote}). {@code CREATE MATERIALIZED TABLE} makes an AUTO
 * REFRESH YES view whose rows are exactly the valid records put; {@code SUSPEND} turns it into AUTO
 * REFRESH NO, {@code RESUME} goes on from the savepoint with nothing lost or read twice, {@code
 * DROP} removes the view and stops its pipeline. A second, plain Flink session (another door)
 * checks the rows and the system view.
 */
class MaterializedTableGatewayITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    /**
     * The session cluster, behind its REST endpoint; not a MiniClusterExtension, which would make
     * itself every plain session's cluster (the checks' batch queries run on their own).
     */
    private static MiniCluster cluster;

    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir Path dir;

    private SessionManager sessions;

    /**
     * Jobs on a session cluster carry the runtime jar; this one runs in the test's JVM, which has
     * every class already, so an empty jar stands in for it.
     */
    @BeforeAll
    static void runtimeJar(@TempDir Path jars) throws IOException {
        Path empty = jars.resolve("streaming-ingest-runtime.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(empty))) {
            // no entries
        }
        System.setProperty("streaming-ingest.runtime-jar", empty.toString());
    }

    @BeforeAll
    static void startCluster() throws Exception {
        Configuration config = new Configuration();
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, "0");
        cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(config)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(8)
                                .build());
        cluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        System.clearProperty("streaming-ingest.runtime-jar");
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void stopGateway() {
        if (sessions != null) {
            sessions.stop();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void createSuspendResumeAndDropAMaterializedTableThroughTheGateway() throws Exception {
        TestStream stream = KINESIS.streams().create("Gateway-MT", 2);
        createExternalSchema();
        List<TestRecord> put =
                new ArrayList<>(stream.putStrings("{\"n\":1}", "{broken", "{\"n\":2}"));

        // Given a SQL gateway session on the warehouse catalog, submitting to a session cluster
        URI rest = cluster.getRestAddress().get();
        Gateway gateway = openGateway(rest);
        gateway.run("CREATE CATALOG w WITH (" + FlinkSessions.with(options()) + ")");
        gateway.run("USE CATALOG w");
        gateway.run("LOAD MODULE redshift");

        // When a materialized table is created on the stream
        gateway.run(
                "CREATE MATERIALIZED TABLE w.public.orders FRESHNESS = INTERVAL '2' SECOND AS "
                        + AutoRefreshViewITCase.seedQuery(stream.name()).flinkSql());

        // Then it is an AUTO REFRESH YES view whose rows are exactly the valid records put
        TableEnvironment other = otherSession();
        awaitRows(other, SeedRecords.valid(put));
        assertThat(autoRefresh(other)).isEqualTo("t");
        assertThat(runningJobs()).hasSize(1);
        CatalogMaterializedTable table =
                (CatalogMaterializedTable)
                        other.getCatalog("w")
                                .orElseThrow()
                                .getTable(new ObjectPath("public", "orders"));
        assertThat(table.getDefinitionFreshness()).isEqualTo(IntervalFreshness.ofSecond("2"));
        assertThat(table.getRefreshStatus()).isEqualTo(RefreshStatus.ACTIVATED);
        assertThat(checkpointInterval(runningJobs().get(0))).isEqualTo(Duration.ofSeconds(2));

        // When it is suspended, records are put, and it is resumed
        gateway.run("ALTER MATERIALIZED TABLE w.public.orders SUSPEND");
        assertThat(autoRefresh(other)).isEqualTo("f");
        assertThat(runningJobs()).isEmpty();
        put.addAll(stream.putStrings("{\"n\":3}", "{\"n\"", "{\"n\":4}"));
        gateway.run("ALTER MATERIALIZED TABLE w.public.orders RESUME");

        // Then it goes on from where it stopped: every valid record exactly once
        awaitRows(other, SeedRecords.valid(put));
        assertThat(autoRefresh(other)).isEqualTo("t");
        assertThat(runningJobs()).hasSize(1);

        // Flink's own REFRESH (a batch overwrite) is refused with the procedure to use instead
        assertThat(gateway.failure("ALTER MATERIALIZED TABLE w.public.orders REFRESH"))
                .contains("cannot be read in batch mode")
                .contains("CALL w.sys.refresh_materialized_view('schema.view')");
        awaitRows(other, SeedRecords.valid(put));

        // When it is dropped, its pipeline stops and the view is gone
        gateway.run("DROP MATERIALIZED TABLE w.public.orders");
        assertThat(runningJobs()).isEmpty();
        assertThat(column(other, "SHOW TABLES FROM w.public")).isEmpty();
    }

    private void createExternalSchema() throws Exception {
        try (FlinkCluster cluster = FlinkCluster.embedded();
                Warehouse warehouse =
                        new Warehouse(WarehouseConfig.of(options()), cluster, Map.of())) {
            warehouse
                    .catalog()
                    .createExternalSchema(new ExternalSchema("kds", null, "default"), false);
        }
    }

    private Gateway openGateway(URI rest) {
        Configuration conf = new Configuration();
        conf.setString("execution.target", "remote");
        conf.setString("rest.address", rest.getHost());
        conf.setString("rest.port", Integer.toString(rest.getPort()));
        conf.setString(
                "execution.checkpointing.savepoint-dir",
                dir.resolve("gateway-savepoints").toUri().toString());
        conf.setString("table.exec.iceberg.use-v2-sink", "true");
        sessions = SessionManager.create(new DefaultContext(conf, List.of()));
        sessions.start();
        SqlGatewayServiceImpl service = new SqlGatewayServiceImpl(sessions);
        SessionHandle session =
                service.openSession(
                        SessionEnvironment.newBuilder()
                                .setSessionEndpointVersion(
                                        SqlGatewayRestAPIVersion.getDefaultVersion())
                                .build());
        return new Gateway(service, session);
    }

    /** Runs statements in one gateway session and waits for each to end, as a client would. */
    private record Gateway(SqlGatewayServiceImpl service, SessionHandle session) {

        /** Runs a statement that must fail; returns the messages of its error and causes. */
        String failure(String statement) throws Exception {
            try {
                run(statement);
            } catch (AssertionError expected) {
                StringBuilder messages = new StringBuilder();
                for (Throwable t = expected.getCause(); t != null; t = t.getCause()) {
                    messages.append(t.getMessage()).append('\n');
                }
                return messages.toString();
            }
            throw new AssertionError(statement + " did not fail");
        }

        void run(String statement) throws Exception {
            OperationHandle operation =
                    service.executeStatement(session, statement, -1, new Configuration());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                OperationInfo info = service.getOperationInfo(session, operation);
                if (info.getStatus() == OperationStatus.FINISHED) {
                    return;
                }
                if (info.getStatus().isTerminalStatus()) {
                    throw new AssertionError(
                            statement + " ended " + info.getStatus(),
                            info.getException().orElse(null));
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(statement + " did not end within " + WAIT);
                }
                Thread.sleep(50);
            }
        }
    }

    private TableEnvironment otherSession() {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        env.executeSql("CREATE CATALOG w WITH (" + FlinkSessions.with(options()) + ")");
        return env;
    }

    /** Waits until the view has as many rows as expected, then compares them exactly. */
    private static void awaitRows(TableEnvironment env, List<Row> expected) throws Exception {
        String select = "SELECT partition_key, sequence_number, kinesis_data FROM w.public.orders";
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<Row> rows = rows(env, select);
        while (rows.size() < expected.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            rows = rows(env, select);
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String autoRefresh(TableEnvironment env) throws Exception {
        List<Row> rows =
                rows(
                        env,
                        "SELECT autorefresh FROM w.pg_catalog.stv_mv_info WHERE `name` = 'orders'");
        assertThat(rows).hasSize(1);
        return (String) rows.get(0).getField(0);
    }

    /** The job's periodic checkpoint interval, from the cluster's REST API. */
    private static Duration checkpointInterval(JobStatusMessage job) throws Exception {
        return Duration.ofMillis(
                AutoRefreshViewITCase.checkpointConfig(
                                cluster.getRestAddress().get(), job.getJobId())
                        .path("interval")
                        .asLong());
    }

    private static List<JobStatusMessage> runningJobs() throws Exception {
        return cluster.listJobs().get().stream()
                .filter(job -> !job.getJobState().isTerminalState())
                .collect(Collectors.toList());
    }

    private static List<Row> rows(TableEnvironment env, String sql) throws Exception {
        return FlinkSessions.rows(env.executeSql(sql));
    }

    private static List<String> column(TableEnvironment env, String sql) throws Exception {
        return rows(env, sql).stream().map(r -> (String) r.getField(0)).toList();
    }

    private Map<String, String> options() {
        return FlinkSessions.jdbcWarehouse(dir, KINESIS);
    }
}
