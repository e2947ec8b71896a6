package org.streamingest.gateway;

import org.streamingest.job.cli.SeedRows;
import org.streamingest.job.cluster.SqlGatewayExtension;
import org.streamingest.job.gateway.SqlClientScript;
import org.streamingest.job.gateway.SqlClientTerminal;
import org.streamingest.job.gateway.SqlGatewayInstallation;
import org.streamingest.job.gateway.Tableau;
import org.streamingest.job.gateway.WarehouseDoors;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redshift SQL through the SQL gateway, every part a process of its own as in {@code
 * SqlGatewayITCase}: a standalone session cluster with the runtime jar in {@code lib/}, a SQL
 * gateway whose {@code lib/} also holds the endpoint's jar, configured only from {@code
 * sql-gateway-config/config.yaml} with its {@code redshift} endpoint lines uncommented, the real
 * SQL client in gateway mode with {@code -i init.sql}, Flink's JDBC driver in the test's JVM, and
 * kinesis-mock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedshiftEndpointITCase {

    private static final SqlGatewayInstallation INSTALLATION =
            SqlGatewayInstallation.prepare(RedshiftEndpointITCase.class.getSimpleName());
    private static final Path ENDPOINT_JAR =
            INSTALLATION.addToLib(
                    Path.of(
                            System.getProperty(
                                    "streaming-ingest.sql-gateway-jar",
                                    "target/streaming-ingest-sql-gateway.jar")));

    @RegisterExtension
    static final WarehouseDoors DOORS =
            WarehouseDoors.of(
                    INSTALLATION,
                    gatewayLib(),
                    (cluster, gateway) ->
                            redshiftEndpoint(INSTALLATION.configYaml(cluster, gateway), gateway));

    private static final SqlGatewayExtension GATEWAY = DOORS.gateway();

    /** The product's seed statements, verbatim. */
    static final String SEED = SeedRows.SEED_AUTO;

    private static final List<String> ROW = WarehouseDoors.ROW;

    private Path dir;

    private static List<Path> gatewayLib() {
        List<Path> jars = new ArrayList<>(INSTALLATION.libJars());
        jars.add(ENDPOINT_JAR);
        return jars;
    }

    /** config.yaml with the redshift endpoint's lines uncommented, on the gateway's port. */
    static String redshiftEndpoint(String yaml, int port) {
        String enabled =
                yaml.replaceAll(
                        "(?m)^# (sql-gateway\\.endpoint\\.(type: redshift|redshift\\.[a-z-]+: .*))$",
                        "$1");
        assertThat(enabled).contains("\nsql-gateway.endpoint.type: redshift\n");
        return enabled.replaceAll(
                "(?m)^(sql-gateway\\.endpoint\\.redshift\\.port: ).*$", "$1" + port);
    }

    @BeforeEach
    void sessionFiles(TestInfo test) throws IOException {
        dir = WarehouseDoors.filesOf(getClass(), test);
    }

    @Test
    @Order(1)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theSeedsStatementsRunVerbatimInTheFlinkSqlClientAndFlinkSqlStillWorks() throws Exception {
        // Given records in a stream, two of them not JSON
        DOORS.put(
                "{\"order_id\":1}",
                "{\"order_id\":2}",
                "not json",
                "{\"order_id\":3}",
                "{\"order_id\"");

        // When the seed's four statements and then two of Flink SQL run in one SQL client session
        SqlClientScript.Result result =
                SqlClientScript.run(
                        GATEWAY,
                        DOORS.initSql(),
                        dir,
                        "seed",
                        SEED
                                + "SHOW TABLES FROM w.kds;\n"
                                + "SELECT partition_key, sequence_number FROM w.public.my_view;\n",
                        Duration.ofMinutes(3));

        // Then each answered as Redshift would
        assertThat(result.exit()).as(result.output()).isZero();
        String output = Tableau.plain(result.output());
        assertThat(output).contains("CREATE EXTERNAL SCHEMA kds");
        assertThat(output).contains("CREATE MATERIALIZED VIEW public.my_view");
        List<Tableau.Table> tables = result.tables();
        assertThat(tables).as(output).hasSize(6);
        int valid = DOORS.valid().size();
        // the REFRESH added exactly the valid records
        assertThat(tables.get(2).rows())
                .containsExactly(List.of("public.my_view", Integer.toString(valid)));
        // and the SELECT shows exactly them, with their Kinesis metadata
        Tableau.Table view = tables.get(3);
        assertThat(view.select(ROW.toArray(String[]::new)))
                .containsExactlyInAnyOrderElementsOf(DOORS.valid());
        assertThat(view.select("approximate_arrival_timestamp", "refresh_time"))
                .allSatisfy(times -> assertThat(times).doesNotContain("<NULL>"));

        // And Flink SQL in the same session ran as Flink's
        assertThat(tables.get(4).rows()).contains(List.of(WarehouseDoors.STREAM));
        assertThat(tables.get(5).select("partition_key", "sequence_number"))
                .containsExactlyInAnyOrderElementsOf(
                        SeedRows.expected(
                                DOORS.records(),
                                WarehouseDoors.VALID,
                                List.of("partition_key", "sequence_number")));
    }

    @Test
    @Order(2)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aBadRedshiftStatementAnswersWhatWasWrongAndTheSessionGoesOn() throws Exception {
        try (SqlClientTerminal terminal = DOORS.terminal(dir, "errors")) {
            // When a statement breaks Redshift's grammar
            assertThat(
                            terminal.type(
                                    "CREATE MATERIALIZED VIEW v2 AUTO REFRESH MAYBE AS SELECT *"
                                            + " FROM kds.my_stream_name;"))
                    .contains("[ERROR]")
                    .contains("Expected YES or NO, found");

            // or names a view that does not exist
            assertThat(terminal.type("REFRESH MATERIALIZED VIEW no_such_view;"))
                    .contains("[ERROR]")
                    .contains("Materialized view \"public.no_such_view\" does not exist.");

            // Then the session goes on: a Redshift query answers, nothing lost
            String answer =
                    terminal.type(
                            "SELECT partition_key, shard_id, sequence_number, kinesis_data FROM"
                                    + " my_view;");
            assertThat(Tableau.tables(answer).get(0).select(ROW.toArray(String[]::new)))
                    .as(answer)
                    .containsExactlyInAnyOrderElementsOf(DOORS.valid());
            assertThat(terminal.isAlive()).isTrue();
        }
    }

    @Test
    @Order(3)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void flinksJdbcDriverRunsARedshiftSelectOnTheView() throws Exception {
        // Given a JDBC connection to the endpoint (no init script: the catalog is the gateway's
        // stored one)
        try (Connection connection =
                        DriverManager.getConnection("jdbc:flink://" + GATEWAY.hostAndPort());
                java.sql.Statement statement = connection.createStatement();
                // When it runs the seed's SELECT
                ResultSet rows = statement.executeQuery("SELECT * FROM my_view")) {
            List<List<String>> read = new ArrayList<>();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (String column : ROW) {
                    row.add(rows.getString(column));
                }
                read.add(row);
            }
            // Then it reads exactly the view's rows
            assertThat(read).containsExactlyInAnyOrderElementsOf(DOORS.valid());
        }
    }

    private static final String CLASHING_NAMES =
            "SELECT DECODE(2, 1, 'one', 2, 'two', 'other') AS d, LOG(100) AS l,"
                    + " GREATEST(1, NULL, 3) AS g, LEAST(4, NULL, 2) AS s";

    @Test
    @Order(4)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void namesBothModulesDefineAreRedshiftsWithAndWithoutTheInitScript() throws Exception {
        // Given a session of the SQL client started with init.sql (which loads the module itself)
        try (SqlClientTerminal terminal = DOORS.terminal(dir, "modules")) {
            // When it calls the functions Flink's core module also defines
            String answer = terminal.type(CLASHING_NAMES + ";");
            // Then they are Redshift's: DECODE with pairs, LOG base 10, NULLs ignored
            assertThat(Tableau.tables(answer).get(0).select("d", "l", "g", "s"))
                    .as(answer)
                    .containsExactly(List.of("two", "2.0", "3", "2"));
        }
        // And a JDBC session, which runs no init script, answers the same
        try (Connection connection =
                        DriverManager.getConnection("jdbc:flink://" + GATEWAY.hostAndPort());
                java.sql.Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(CLASHING_NAMES)) {
            assertThat(rows.next()).isTrue();
            assertThat(
                            List.of(
                                    rows.getString("d"),
                                    rows.getDouble("l"),
                                    rows.getInt("g"),
                                    rows.getInt("s")))
                    .containsExactly("two", 2.0, 3, 2);
            assertThat(rows.next()).isFalse();
        }
    }
}
