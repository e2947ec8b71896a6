package org.streamingest.job.gateway;

import org.streamingest.job.cluster.FlinkRest;
import org.streamingest.job.cluster.SqlGatewayExtension;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Flink's materialized-table statements on the warehouse, every part a process of its own as an
 * operator runs them (set up as in {@link SqlGatewayITCase}: a standalone session cluster and a SQL
 * gateway configured only from {@code sql-gateway-config/}, the real SQL client, the CLI,
 * kinesis-mock). {@code CREATE MATERIALIZED TABLE} in a SQL client script makes a view whose
 * pipeline runs on the cluster after the client exited; {@code SUSPEND} and {@code RESUME} from a
 * session lose and repeat nothing; the CLI sees the same view, and leaves its pipeline running on
 * the cluster when it exits; Flink's JDBC driver reads it through the gateway; {@code DROP} leaves
 * nothing running. An AUTO REFRESH YES view of the CLI, its pipeline left running by the CLI, is
 * refreshed with {@code CALL} and suspended from sessions. Rows are compared exactly with the
 * records put.
 */
@Tag("extended") // long: runs with -Pextended, not in the default run
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlGatewayMaterializedTableITCase {

    private static final SqlGatewayInstallation INSTALLATION =
            SqlGatewayInstallation.prepare(SqlGatewayMaterializedTableITCase.class.getSimpleName());

    @RegisterExtension static final WarehouseDoors DOORS = WarehouseDoors.of(INSTALLATION);
    private static final SqlGatewayExtension GATEWAY = DOORS.gateway();

    static final String CREATE_EXTERNAL_SCHEMA =
            "CALL w.sys.create_external_schema('kds', 'default');";
    static final String CREATE =
            "CREATE MATERIALIZED TABLE w.public.v FRESHNESS = INTERVAL '1' SECOND AS SELECT"
                    + " approximate_arrival_timestamp, partition_key, shard_id, sequence_number,"
                    + " refresh_time, JSON_PARSE(kinesis_data) AS kinesis_data FROM"
                    + " w.kds.my_stream_name WHERE CAN_JSON_PARSE(kinesis_data);";
    static final String SUSPEND = "ALTER MATERIALIZED TABLE w.public.v SUSPEND;";
    static final String RESUME = "ALTER MATERIALIZED TABLE w.public.v RESUME;";
    static final String DROP = "DROP MATERIALIZED TABLE w.public.v;";

    /** The statements of this class that the README shows (checked by SqlGatewayITCase). */
    static final List<String> STATEMENTS = List.of(CREATE, SUSPEND, RESUME, DROP);

    private static final String OK = "[INFO] Execute statement succeeded.";

    /** An AUTO REFRESH YES view the CLI makes: the seed's. */
    private static final String CLI_VIEW =
            "CREATE EXTERNAL SCHEMA IF NOT EXISTS kds FROM KINESIS IAM_ROLE default;\n"
                    + "CREATE MATERIALIZED VIEW my_view AUTO REFRESH YES AS\n"
                    + "  SELECT approximate_arrival_timestamp, partition_key, shard_id,"
                    + " sequence_number, refresh_time,\n"
                    + "         JSON_PARSE(kinesis_data) AS kinesis_data\n"
                    + "  FROM kds.my_stream_name WHERE CAN_JSON_PARSE(kinesis_data);\n";

    /** The pipeline of view v, as the view service names it. */
    private static final String PIPELINE = "mv public.v";

    private Path dir;

    @BeforeEach
    void sessionFiles(TestInfo test) throws Exception {
        dir = WarehouseDoors.filesOf(getClass(), test);
    }

    @Test
    @Order(1)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aMaterializedTableMadeInAScriptRefreshesOnAfterTheClientExited() throws Exception {
        // Given records in a stream, one of them not JSON
        DOORS.put("{\"order_id\":1}", "{\"order_id\":2}", "{\"order_id\": 3,", "{\"order_id\":4}");

        // When a SQL client script creates a materialized table on it, and exits
        SqlClientScript.Result created =
                DOORS.script(dir, "create", CREATE_EXTERNAL_SCHEMA, CREATE);
        assertThat(created.output()).contains(OK);

        // Then the job the gateway started was replaced by the view's own pipeline, which runs on
        assertThat(DOORS.jobs(name -> name.startsWith("Materialized_table_")))
                .singleElement()
                .extracting(FlinkRest.Job::state)
                .isEqualTo("FINISHED");
        DOORS.awaitRunning(PIPELINE);
        assertThat(DOORS.unfinishedJobs())
                .extracting(FlinkRest.Job::name)
                .containsExactly(PIPELINE);

        // And records put after the client exited reach the view: exactly the valid ones, once
        DOORS.put("{\"order_id\":5}", "not json", "{\"order_id\":6}");
        try (SqlClientTerminal terminal = DOORS.terminal(dir, "read")) {
            assertThat(DOORS.awaitRowsShown(terminal, "w.public.v"))
                    .containsExactlyInAnyOrderElementsOf(DOORS.valid());

            // And every session sees it as the CLI's AUTO REFRESH YES view on the stream
            Tableau.Table info =
                    Tableau.tables(terminal.type("SELECT * FROM w.pg_catalog.stv_mv_info;")).get(0);
            assertThat(info.select("schema", "name", "autorefresh", "kind", "reads"))
                    .containsExactly(List.of("public", "v", "t", "stream", "kds.my_stream_name"));
        }
    }

    @Test
    @Order(2)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void flinksJdbcDriverReadsTheViewThroughTheGateway() throws Exception {
        // Given the view of the first test, holding every valid record put
        List<List<String>> expected = DOORS.valid();

        // When a JDBC client connects to the gateway and SELECTs from it, in batch mode
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection =
                        DriverManager.getConnection("jdbc:flink://" + GATEWAY.hostAndPort());
                Statement statement = connection.createStatement()) {
            statement.execute("SET 'execution.runtime-mode' = 'batch'");
            try (ResultSet result =
                    statement.executeQuery(
                            "SELECT "
                                    + String.join(", ", WarehouseDoors.ROW)
                                    + " FROM w.public.v")) {
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (String column : WarehouseDoors.ROW) {
                        row.add(result.getString(column));
                    }
                    rows.add(row);
                }
            }
        }

        // Then it gets exactly the view's rows, and the query ended
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(DOORS.unfinishedJobs()).extracting(FlinkRest.Job::name).containsOnly(PIPELINE);
    }

    @Test
    @Order(3)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void suspendAndResumeFromASessionLoseAndRepeatNothingAndDropLeavesNothingRunning()
            throws Exception {
        try (SqlClientTerminal terminal = DOORS.terminal(dir, "alter")) {
            // When a session suspends the materialized table
            assertThat(terminal.type(SUSPEND)).contains(OK);

            // Then no pipeline of it runs, and it is an AUTO REFRESH NO view
            assertThat(DOORS.unfinishedJobs()).isEmpty();
            assertThat(
                            Tableau.tables(
                                            terminal.type(
                                                    "SELECT `name`, autorefresh FROM"
                                                            + " w.pg_catalog.stv_mv_info;"))
                                    .get(0)
                                    .select("name", "autorefresh"))
                    .containsExactly(List.of("v", "f"));

            // When records are put while it is suspended, and it is resumed
            DOORS.put("{\"order_id\":7}", "{\"order_id\"", "{\"order_id\":8}");
            assertThat(terminal.type(RESUME)).contains(OK);

            // Then they are in the view exactly once, and so is everything before
            assertThat(DOORS.awaitRowsShown(terminal, "w.public.v"))
                    .containsExactlyInAnyOrderElementsOf(DOORS.valid());
        }

        // And the CLI sees it as an AUTO REFRESH YES view with exactly those rows; it takes the
        // pipeline over while it runs, and leaves it running on the cluster when it exits
        WarehouseDoors.CliRun cli =
                DOORS.cli(dir, "cli.sql", "SELECT * FROM stv_mv_info;\nSELECT * FROM v;\n");
        assertThat(cli.autoRefresh()).containsExactly(entry("public.v", "t"));
        assertThat(cli.viewRows()).containsExactlyInAnyOrderElementsOf(DOORS.valid());
        assertThat(cli.err())
                .contains("resuming the pipeline of public.v")
                .contains("leaving the pipeline of public.v running on the session cluster");
        DOORS.awaitRunning(PIPELINE);

        // So records put after the CLI exited reach the view too, once each
        DOORS.put("{\"order_id\":9}", "{\"order_id\":10}");
        try (SqlClientTerminal terminal = DOORS.terminal(dir, "drop")) {
            assertThat(DOORS.awaitRowsShown(terminal, "w.public.v"))
                    .containsExactlyInAnyOrderElementsOf(DOORS.valid());

            // When a session drops it
            assertThat(terminal.type(DROP)).contains(OK);
        }

        // Then nothing runs on the cluster, and the CLI no longer sees the view
        assertThat(DOORS.unfinishedJobs()).isEmpty();
        WarehouseDoors.CliRun after = DOORS.cli(dir, "after.sql", "SELECT * FROM stv_mv_info;\n");
        assertThat(after.autoRefresh()).isEmpty();
    }

    @Test
    @Order(4)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anAutoRefreshViewOfTheCliIsRefreshedAndSuspendedFromSessions() throws Exception {
        // Given an AUTO REFRESH YES view the CLI made on the same warehouse and cluster, whose
        // pipeline runs there after the CLI exited
        WarehouseDoors.CliRun made =
                DOORS.cli(
                        dir,
                        "view.sql",
                        CLI_VIEW
                                + "REFRESH MATERIALIZED VIEW my_view;\n"
                                + "SELECT * FROM my_view;\n");
        assertThat(made.viewRows()).containsExactlyInAnyOrderElementsOf(DOORS.valid());
        assertThat(made.err())
                .contains("leaving the pipeline of public.my_view running on the session cluster");
        FlinkRest.Job cliPipeline = DOORS.awaitRunning("mv public.my_view");

        // When, with records put, a session refreshes it while that pipeline runs
        DOORS.put("{\"order_id\":11}", "{\"order_id\":12", "{\"order_id\":13}");
        SqlClientScript.Result refreshed =
                DOORS.script(
                        dir,
                        "refresh",
                        "CALL w.sys.refresh_materialized_view('public.my_view');",
                        "SELECT "
                                + String.join(", ", WarehouseDoors.ROW)
                                + " FROM w.public.my_view;");

        // Then the view holds exactly every valid record put before the CALL
        assertThat(refreshed.tables().get(1).select(WarehouseDoors.ROW.toArray(String[]::new)))
                .containsExactlyInAnyOrderElementsOf(DOORS.valid());

        // And its pipeline goes on, a job of the session now, after that session too: later
        // records reach it, once each
        assertThat(DOORS.awaitRunning("mv public.my_view").id()).isNotEqualTo(cliPipeline.id());
        DOORS.put("{\"order_id\":14}", "{\"order_id\":15}");
        try (SqlClientTerminal terminal = DOORS.terminal(dir, "suspend")) {
            assertThat(DOORS.awaitRowsShown(terminal, "w.public.my_view"))
                    .containsExactlyInAnyOrderElementsOf(DOORS.valid());

            // When a session suspends it
            assertThat(terminal.type("ALTER MATERIALIZED TABLE w.public.my_view SUSPEND;"))
                    .contains(OK);
        }

        // Then nothing runs, and the CLI sees it AUTO REFRESH NO; its REFRESH adds exactly the
        // records put since the pipeline stopped
        assertThat(DOORS.unfinishedJobs()).isEmpty();
        DOORS.put("{\"order_id\":16}", "{broken", "{\"order_id\":17}");
        WarehouseDoors.CliRun again =
                DOORS.cli(
                        dir,
                        "again.sql",
                        "REFRESH MATERIALIZED VIEW my_view;\n"
                                + "SELECT * FROM stv_mv_info;\n"
                                + "SELECT * FROM my_view;\n");
        assertThat(again.err()).contains("REFRESH MATERIALIZED VIEW public.my_view: 2 rows added");
        assertThat(again.autoRefresh()).containsExactly(entry("public.my_view", "f"));
        assertThat(again.viewRows()).containsExactlyInAnyOrderElementsOf(DOORS.valid());
    }
}
