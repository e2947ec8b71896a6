package org.streamingest.job.exec;

import org.streamingest.job.sql.RedshiftSqlParser;
import org.streamingest.job.sql.Statement;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warehouse session as a user has one: an embedded Flink, a fresh warehouse directory, the
 * external schema {@code kds} on kinesis-mock, and Redshift SQL run one statement at a time.
 */
abstract class WarehouseSessionTestBase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @TempDir Path dir;

    protected FlinkCluster cluster;
    protected Warehouse warehouse;
    protected StatementExecutor executor;

    /** What the session reported about long work and background events, in order. */
    protected final List<String> progress = new CopyOnWriteArrayList<>();

    private final RedshiftSqlParser parser = new RedshiftSqlParser();

    @BeforeEach
    void openSession() throws Exception {
        startSession();
        run("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
    }

    /** Starts an embedded Flink and a session on the warehouse in {@link #dir}, as a CLI would. */
    protected void startSession() throws Exception {
        cluster = FlinkCluster.embedded();
        Map<String, String> options = new HashMap<>(catalogOptions());
        options.put("warehouse", dir.toString());
        options.put("aws.endpoint", KINESIS.endpoint().toString());
        options.put("aws.region", KINESIS.region().id());
        warehouse = new Warehouse(WarehouseConfig.of(options), cluster, Map.of());
        executor = new StatementExecutor(warehouse, progress::add);
    }

    /** Options of the warehouse catalog besides the warehouse and the streams' endpoint. */
    protected Map<String, String> catalogOptions() {
        return Map.of();
    }

    @AfterEach
    void closeSession() throws Exception {
        executor.close();
        warehouse.close();
        cluster.close();
    }

    /** Parses and executes exactly one Redshift statement. */
    protected StatementResult run(String sql) throws Exception {
        List<Statement> statements = parser.parseScript(sql);
        assertThat(statements).hasSize(1);
        return executor.execute(statements.get(0));
    }
}
