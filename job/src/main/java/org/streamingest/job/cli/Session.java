package org.streamingest.job.cli;

import org.streamingest.functions.RedshiftModuleFactory;
import org.streamingest.job.exec.StatementExecutor;
import org.streamingest.job.exec.StatementResult;
import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.job.sql.Statement;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.catalog.WarehouseLocation;
import org.streamingest.warehouse.pipeline.Errors;
import org.streamingest.warehouse.pipeline.FileSystems;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import java.io.PrintStream;

/**
 * One CLI session on a warehouse: the Flink cluster, the warehouse and the statement executor,
 * opened from the shared options. AUTO REFRESH pipelines resume (taking over those another session
 * left running on a session cluster) when the session opens, for {@code serve}, or else before its
 * first statement that needs them (not before a SELECT of views and tables, which reads their
 * committed snapshots: see {@link StatementExecutor}); closing suspends them with a savepoint on
 * the embedded cluster and leaves them running on a session cluster, so every command (run, serve,
 * shell) ends the same way.
 */
final class Session implements AutoCloseable {

    private final CliOptions options;
    private final FlinkCluster cluster;
    private final Warehouse warehouse;
    private final StatementExecutor executor;

    private Session(CliOptions options, PrintStream err, boolean resumeNow) throws Exception {
        this.options = options;
        // Checked before Flink starts: a bad option is reported at once.
        WarehouseConfig config = WarehouseConfig.of(options.catalogOptions());
        warmUpPlanner();
        this.cluster =
                options.flink().equals("local")
                        ? FlinkCluster.embedded(Configuration.fromMap(options.flinkConf()))
                        : FlinkCluster.remote(options.flink());
        try {
            WarehouseLocation location = config.location();
            if (cluster.isRemote()) {
                err.println("streaming-ingest: " + cluster.describe());
                if (location.root().startsWith("file:") && !isLoopback(cluster)) {
                    err.println(
                            "streaming-ingest: the warehouse "
                                    + location
                                    + " is a local path: every Flink JobManager and TaskManager"
                                    + " must see it at that same path (a shared mount), as they"
                                    + " write its tables, checkpoints and savepoints.");
                }
            }
            // After the embedded cluster started, which initializes them without the session's
            // settings: the views' state may be on s3:// (the S3 plugin, s3.endpoint, ...).
            FileSystems.initialize(options.flinkConf());
            this.warehouse = new Warehouse(config, cluster, options.flinkConf());
            this.executor = new StatementExecutor(warehouse, err::println, resumeNow);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Opens a session; with {@code resumeNow} the AUTO REFRESH pipelines resume at once, else
     * before the first statement that needs them.
     */
    static Session open(CliOptions options, PrintStream err, boolean resumeNow) throws Exception {
        return new Session(options, err, resumeNow);
    }

    /**
     * Loads and initializes Flink's SQL planner (Calcite, the optimizer's rules, code generation)
     * and the Redshift functions on a daemon thread, while this thread starts the embedded cluster
     * and opens the warehouse: that is most of the first statement's planning time, and both are
     * mostly class loading, which two cores do side by side. It plans a throwaway query in a
     * TableEnvironment of its own that never runs a job; the session's statements share nothing
     * with it but the JVM's loaded classes. A failure here only leaves the work to the statement.
     */
    private static void warmUpPlanner() {
        Thread warmUp =
                new Thread(
                        () -> {
                            try {
                                TableEnvironment env =
                                        TableEnvironment.create(EnvironmentSettings.inBatchMode());
                                env.executeSql("LOAD MODULE " + RedshiftModuleFactory.IDENTIFIER);
                                env.explainSql(
                                        "SELECT UPPER(x) AS u, COUNT(*) AS n FROM (VALUES ('a'),"
                                                + " ('b')) AS t(x) WHERE x <> 'c' GROUP BY x"
                                                + " ORDER BY n LIMIT 10");
                            } catch (Throwable ignored) {
                                // the first statement does this work itself
                            }
                        },
                        "streaming-ingest planner warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static boolean isLoopback(FlinkCluster cluster) {
        String host = cluster.restAddress().getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    StatementExecutor executor() {
        return executor;
    }

    /** True if closing leaves the AUTO REFRESH pipelines running: they run on a session cluster. */
    boolean leavesPipelinesRunning() {
        return cluster.isRemote();
    }

    /**
     * Executes one statement: query rows go to {@code out} in the chosen format, acknowledgements
     * to {@code err}. User errors surface as {@link RedshiftSqlException}.
     */
    void execute(Statement statement, PrintStream out, PrintStream err) throws Exception {
        StatementResult result = executor.execute(statement);
        if (result.isQuery()) {
            options.format().print(result.query(), out);
        } else {
            err.println(result.message());
        }
    }

    /** The message of a failed statement, without a stack trace. */
    static String failure(Statement statement, Exception e) {
        if (e instanceof RedshiftSqlException) {
            return e.getMessage();
        }
        return "statement at " + statement.position() + " failed: " + Errors.rootMessage(e);
    }

    @Override
    public void close() throws Exception {
        try (FlinkCluster c = cluster;
                Warehouse w = warehouse;
                StatementExecutor x = executor) {
            // closed in reverse order: pipelines ended first, then warehouse, then cluster
        }
    }
}
