package org.streamingest.job.gateway;

import org.streamingest.job.cli.SeedRows;
import org.streamingest.job.cluster.FlinkClusterExtension;
import org.streamingest.job.cluster.FlinkRest;
import org.streamingest.job.cluster.SqlGatewayExtension;
import org.streamingest.kinesis.testing.TestRecord;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warehouse in Flink SQL client sessions, everything a process of its own as an operator runs
 * it on a stock Flink 2.1: a standalone session cluster and a SQL gateway with the runtime jar in
 * their {@code lib/}, the gateway configured only from {@code sql-gateway-config/config.yaml}, the
 * real SQL client in gateway mode with {@code -i init.sql} (a script with {@code -f}, or typed into
 * a terminal), the product's CLI on the same warehouse and cluster, and kinesis-mock. The tests run
 * in the order of the README's walk-through; each statement the README's section shows is one of
 * this class's or, for materialized tables, of {@link SqlGatewayMaterializedTableITCase} (checked
 * by the last test).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlGatewayITCase {

    private static final SqlGatewayInstallation INSTALLATION =
            SqlGatewayInstallation.prepare(SqlGatewayITCase.class.getSimpleName());

    @RegisterExtension static final WarehouseDoors DOORS = WarehouseDoors.of(INSTALLATION);
    private static final FlinkClusterExtension FLINK = DOORS.flink();
    private static final SqlGatewayExtension GATEWAY = DOORS.gateway();

    // The statements the README shows, each run below.
    static final String CREATE_EXTERNAL_SCHEMA =
            "CALL w.sys.create_external_schema('kds', 'default');";
    static final String SHOW_STREAMS = "SHOW TABLES FROM w.kds;";
    static final String SELECT_STREAM =
            "SELECT partition_key, shard_id, sequence_number, FROM_VARBYTE(kinesis_data, 'utf-8')"
                    + " AS kinesis_data FROM w.kds.my_stream_name;";
    static final String REFRESH = "CALL w.`system`.refresh_materialized_view('public.my_view');";
    static final String SELECT_VIEW = "SELECT * FROM w.public.my_view;";
    static final String MV_INFO = "SELECT * FROM w.pg_catalog.stv_mv_info;";
    static final String REFRESH_HISTORY = "SELECT * FROM w.pg_catalog.sys_mv_refresh_history;";
    static final String FLINK_REFRESH = "ALTER MATERIALIZED TABLE w.public.my_view REFRESH;";
    static final List<String> STATEMENTS =
            List.of(
                    CREATE_EXTERNAL_SCHEMA,
                    SHOW_STREAMS,
                    SELECT_STREAM,
                    REFRESH,
                    SELECT_VIEW,
                    MV_INFO,
                    REFRESH_HISTORY,
                    FLINK_REFRESH);

    /** The view the CLI makes: the seed's, with the default manual refresh. */
    private static final String CLI_VIEW =
            "CREATE EXTERNAL SCHEMA IF NOT EXISTS kds FROM KINESIS IAM_ROLE default;\n"
                    + "CREATE MATERIALIZED VIEW my_view AS\n"
                    + "  SELECT approximate_arrival_timestamp, partition_key, shard_id,"
                    + " sequence_number, refresh_time,\n"
                    + "         JSON_PARSE(kinesis_data) AS kinesis_data\n"
                    + "  FROM kds.my_stream_name WHERE CAN_JSON_PARSE(kinesis_data);\n";

    private static final String STREAM = WarehouseDoors.STREAM;
    private static final List<String> ROW = WarehouseDoors.ROW;

    private static boolean viewMade;

    /** The rows the view holds after its last refresh. */
    private static List<List<String>> inView = List.of();

    /** The scripts, outputs and terminal transcripts of a test: target/sql-client/<test>/. */
    private Path dir;

    @BeforeEach
    void sessionFiles(TestInfo test) throws IOException {
        dir = WarehouseDoors.filesOf(getClass(), test);
    }

    @Test
    @Order(1)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theStreamsOfAnExternalSchemaAreTablesThatStreamTheRecordsPut() throws Exception {
        // Given records in a stream
        DOORS.put("{\"order_id\":1}", "{\"order_id\":2}", "{\"order_id\": 3,", "{\"order_id\":4}");

        try (SqlClientTerminal terminal = DOORS.terminal(dir, "streams")) {
            // When a session creates the external schema
            assertThat(terminal.type(CREATE_EXTERNAL_SCHEMA))
                    .contains("CREATE EXTERNAL SCHEMA kds");

            // Then its streams are tables
            assertThat(Tableau.tables(terminal.type(SHOW_STREAMS)).get(0).rows())
                    .contains(List.of(STREAM));

            // And a SELECT on one streams exactly the records put, until Ctrl-C stops it
            List<TestRecord> put = DOORS.records();
            int mark = terminal.typeWithoutWaiting(SELECT_STREAM);
            String shown =
                    terminal.awaitOutput(
                            mark, text -> rowCount(text) >= put.size(), put.size() + " rows");
            assertThat(Tableau.tables(shown).get(0).select(ROW.toArray(String[]::new)))
                    .containsExactlyInAnyOrderElementsOf(
                            SeedRows.expected(put, Pattern.compile(".*"), ROW));
            assertThat(terminal.interrupt())
                    .contains("Query terminated, received a total of " + put.size() + " rows");

            // And stopping it cancelled its job on the cluster
            awaitJob("FROM `w`.`kds`.`my_stream_name`", "CANCELED");
        }
        // And the catalog lives on in the gateway's catalog store for the next sessions
        assertThat(INSTALLATION.storedCatalog("w")).content().contains("streaming-warehouse");
    }

    @Test
    @Order(2)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aViewTheCliMadeIsRefreshedAndQueriedFromASqlClientSession() throws Exception {
        // Given a view the CLI made on the same warehouse and cluster, and records in its stream
        givenTheCliView();
        DOORS.put("{\"order_id\":5}", "not json", "{\"order_id\":6}");

        // When a SQL client script refreshes it with CALL and reads it and the system views
        SqlClientScript.Result result =
                SqlClientScript.run(
                        GATEWAY,
                        DOORS.initSql(),
                        dir,
                        "refresh",
                        String.join("\n", REFRESH, SELECT_VIEW, MV_INFO, REFRESH_HISTORY),
                        Duration.ofMinutes(3));

        // Then the refresh added exactly the valid records, and the view holds exactly those
        assertThat(result.exit()).as(result.output()).isZero();
        List<Tableau.Table> tables = result.tables();
        assertThat(tables).as(result.output()).hasSize(4);
        int valid = DOORS.valid().size();
        assertThat(tables.get(0).rows())
                .containsExactly(List.of("public.my_view", Integer.toString(valid)));
        Tableau.Table view = tables.get(1);
        assertThat(view.select(ROW.toArray(String[]::new)))
                .containsExactlyInAnyOrderElementsOf(DOORS.valid());
        inView = DOORS.valid();
        assertThat(view.select("approximate_arrival_timestamp", "refresh_time"))
                .allSatisfy(times -> assertThat(times).doesNotContain("<NULL>"));

        // And the system views answer as Redshift's do
        assertThat(tables.get(2).select("schema", "name", "autorefresh", "kind", "reads"))
                .containsExactly(List.of("public", "my_view", "f", "stream", "kds." + STREAM));
        assertThat(
                        tables.get(3)
                                .select(
                                        "schema_name",
                                        "mv_name",
                                        "refresh_type",
                                        "status",
                                        "rows_added"))
                .containsExactly(
                        List.of(
                                "public",
                                "my_view",
                                "Manual",
                                "Succeeded",
                                Integer.toString(valid)));

        // And the CLI's REFRESH after it adds exactly the records put since: none lost, none twice
        DOORS.put("{\"order_id\":7}", "{\"order_id\":8");
        WarehouseDoors.CliRun again =
                DOORS.cli(
                        dir,
                        "again.sql",
                        "REFRESH MATERIALIZED VIEW my_view;\nSELECT * FROM my_view;\n");
        assertThat(again.err()).contains("REFRESH MATERIALIZED VIEW public.my_view: 1 rows added");
        assertThat(SeedRows.read(again.out(), ROW))
                .containsExactlyInAnyOrderElementsOf(DOORS.valid());
        inView = DOORS.valid();
    }

    @Test
    @Order(3)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aBadStatementAnswersWhatWasWrongAndTheSessionGoesOn() throws Exception {
        givenTheCliView();
        try (SqlClientTerminal terminal = DOORS.terminal(dir, "errors")) {
            // When a session refreshes a view that does not exist
            assertThat(
                            terminal.type(
                                    "CALL w.sys.refresh_materialized_view('public.no_such_view');"))
                    .contains("[ERROR]")
                    .contains("Materialized view \"public.no_such_view\" does not exist.");

            // or names no view
            assertThat(terminal.type("CALL w.sys.refresh_materialized_view('');"))
                    .contains("[ERROR]")
                    .contains("Name the materialized view, such as 'public.my_view' or 'my_view'.");

            // or refreshes with Flink's own statement, whose batch overwrite cannot read a stream
            assertThat(terminal.type(FLINK_REFRESH))
                    .contains("[ERROR]")
                    .contains("batch mode")
                    .contains("refresh_materialized_view");

            // or types something that is not SQL
            assertThat(terminal.type("SELEC 1;")).contains("[ERROR]");

            // Then the session goes on: the next statement answers, with nothing lost
            String answer = terminal.type(SELECT_VIEW);
            assertThat(Tableau.tables(answer).get(0).select(ROW.toArray(String[]::new)))
                    .as(answer)
                    .containsExactlyInAnyOrderElementsOf(inView);
            assertThat(terminal.isAlive()).isTrue();
        }
        assertThat(FLINK.jobs()).noneMatch(job -> job.state().equals("FAILED"));
    }

    @Test
    @Order(4)
    void theReadmeShowsOnlyStatementsThisClassRuns() throws IOException {
        List<String> shown = ReadmeStatements.of(INSTALLATION.repository().resolve("README.md"));
        List<String> run = new ArrayList<>();
        STATEMENTS.forEach(statement -> run.add(ReadmeStatements.normalize(statement)));
        SqlGatewayMaterializedTableITCase.STATEMENTS.forEach(
                statement -> run.add(ReadmeStatements.normalize(statement)));
        for (String statement : CLI_VIEW.split(";")) {
            if (!statement.isBlank()) {
                run.add(ReadmeStatements.normalize(statement) + ";");
            }
        }
        assertThat(shown).isNotEmpty();
        assertThat(run).containsAll(shown);
    }

    // ---- Given

    /** The CLI makes my_view, once per class, as {@code bin/streaming-ingest run} would. */
    private void givenTheCliView() throws IOException, InterruptedException {
        if (viewMade) {
            return;
        }
        DOORS.stream();
        WarehouseDoors.CliRun made = DOORS.cli(dir, "view.sql", CLI_VIEW);
        assertThat(made.err()).contains("CREATE MATERIALIZED VIEW");
        viewMade = true;
    }

    /** The complete {@code +I} rows of a streaming result shown so far. */
    private static int rowCount(String text) {
        String complete = text.substring(0, Math.max(0, text.lastIndexOf('\n')));
        return (int)
                Arrays.stream(complete.split("\n")).filter(l -> l.startsWith("| +I |")).count();
    }

    private static void awaitJob(String nameContains, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<FlinkRest.Job> jobs = List.of();
        while (System.nanoTime() < deadline) {
            jobs = FLINK.jobs().stream().filter(j -> j.name().contains(nameContains)).toList();
            if (!jobs.isEmpty() && jobs.stream().allMatch(j -> j.state().equals(state))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Jobs reading " + nameContains + " not " + state + ": " + jobs);
    }
}
