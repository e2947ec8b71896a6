package org.streamingest.job.gateway;

import org.streamingest.job.cli.CliProcess;
import org.streamingest.job.cli.SeedRows;
import org.streamingest.job.cluster.FlinkClusterExtension;
import org.streamingest.job.cluster.FlinkRest;
import org.streamingest.job.cluster.SqlGatewayExtension;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The doors of one {@link SqlGatewayInstallation}'s warehouse as its tests go through them, each a
 * process of its own: the SQL client in gateway mode ({@code -i init.sql} with a {@code -f} script,
 * or a terminal), the CLI ({@code bin/streaming-ingest run --flink}) on the same warehouse and
 * cluster; and the stream {@value #STREAM} the tests put records into, with every record put so
 * far, to compare what the views hold with.
 *
 * <p>Registered as a test class's extension ({@code @RegisterExtension static final}), the doors
 * also set up the class's processes: kinesis-mock, then the session cluster, then the SQL gateway
 * (each stopped when the class is done), and delete the stream after the class's tests. Public for
 * the tests of the sql-gateway module, which use this module's test-jar.
 */
public final class WarehouseDoors
        implements BeforeAllCallback,
                BeforeEachCallback,
                AfterAllCallback,
                TestExecutionExceptionHandler {

    public static final String STREAM = "my_stream_name";

    /** The payloads that JSON_PARSE accepts among those the tests put. */
    public static final Pattern VALID = Pattern.compile("\\{\"order_id\":\\d+}");

    /** The columns of a seed view's rows that the tests compare: all but the two times. */
    public static final List<String> ROW =
            List.of("partition_key", "shard_id", "sequence_number", "kinesis_data");

    /** The environment of the cluster, gateway and CLI processes: kinesis-mock's credentials. */
    private static final Map<String, String> AWS_ENVIRONMENT = CliProcess.LOCAL_AWS;

    private final SqlGatewayInstallation installation;
    private final KinesisMockExtension kinesis;
    private final FlinkClusterExtension flink;
    private final SqlGatewayExtension gateway;
    private final Map<String, String> catalogOptions;
    private final List<TestRecord> put = new ArrayList<>();
    private TestStream stream;

    /**
     * The doors of {@code installation}, whose gateway is configured only from its {@code
     * sql-gateway-config/config.yaml}.
     */
    public static WarehouseDoors of(SqlGatewayInstallation installation) {
        return of(installation, Map.of());
    }

    /** Doors whose init.sql creates the catalog with {@code catalogOptions} added. */
    static WarehouseDoors of(
            SqlGatewayInstallation installation, Map<String, String> catalogOptions) {
        FlinkClusterExtension flink = cluster(installation);
        return new WarehouseDoors(
                installation,
                flink,
                new SqlGatewayExtension(
                        flink, AWS_ENVIRONMENT, installation.libJars(), installation::configYaml),
                catalogOptions);
    }

    /** Doors whose gateway has {@code gatewayLib} in its {@code lib/} and {@code config}. */
    public static WarehouseDoors of(
            SqlGatewayInstallation installation,
            List<Path> gatewayLib,
            SqlGatewayExtension.ConfigYaml config) {
        FlinkClusterExtension flink = cluster(installation);
        return new WarehouseDoors(
                installation,
                flink,
                new SqlGatewayExtension(flink, AWS_ENVIRONMENT, gatewayLib, config),
                Map.of());
    }

    private static FlinkClusterExtension cluster(SqlGatewayInstallation installation) {
        return new FlinkClusterExtension(AWS_ENVIRONMENT, installation.libJars());
    }

    private WarehouseDoors(
            SqlGatewayInstallation installation,
            FlinkClusterExtension flink,
            SqlGatewayExtension gateway,
            Map<String, String> catalogOptions) {
        this.installation = installation;
        this.kinesis = new KinesisMockExtension();
        this.flink = flink;
        this.gateway = gateway;
        this.catalogOptions = new TreeMap<>(catalogOptions);
    }

    // ---- The processes of the test class

    /** Starts kinesis-mock (once per JVM), the session cluster and the gateway, in this order. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kinesis.beforeAll(context);
        flink.beforeAll(context);
        gateway.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        kinesis.beforeEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        deleteStream();
    }

    /** Adds the cluster's and the gateway's logs to a failing test's exception. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        Throwable failure = throwable;
        for (TestExecutionExceptionHandler logs : List.of(flink, gateway)) {
            try {
                logs.handleTestExecutionException(context, failure);
            } catch (Throwable withLogs) {
                failure = withLogs;
            }
        }
        throw failure;
    }

    /** The session cluster. */
    public FlinkClusterExtension flink() {
        return flink;
    }

    /** The SQL gateway. */
    public SqlGatewayExtension gateway() {
        return gateway;
    }

    /** A fresh directory for the scripts, outputs and transcripts of a test: target/sql-client/. */
    public static Path filesOf(Class<?> testClass, TestInfo test) throws IOException {
        Path dir =
                Path.of(
                                "target",
                                "sql-client",
                                testClass.getSimpleName(),
                                test.getTestMethod().orElseThrow().getName())
                        .toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    // ---- The stream

    /**
     * {@value #STREAM}, made fresh for this class (another class in this JVM may have left one).
     */
    public TestStream stream() {
        if (stream == null) {
            if (kinesis.client().listStreams().streamNames().contains(STREAM)) {
                kinesis.streams().existing(STREAM).delete();
            }
            stream = kinesis.streams().createNamed(STREAM, 2);
        }
        return stream;
    }

    /** Puts {@code payloads} into the stream, in order. */
    public void put(String... payloads) {
        put.addAll(stream().putStrings(payloads));
    }

    /** Every record put so far, in order. */
    public List<TestRecord> records() {
        return List.copyOf(put);
    }

    /** The rows of every valid record put so far. */
    public List<List<String>> valid() {
        return SeedRows.expected(put, VALID, ROW);
    }

    /** Deletes the stream, if this class made one. */
    private void deleteStream() {
        if (stream != null) {
            stream.delete();
        }
    }

    // ---- The SQL client

    /**
     * init.sql of the installation, for the test's Kinesis-API server, with the catalog options of
     * these doors added to its CREATE CATALOG.
     */
    public Path initSql() throws IOException {
        Path init = installation.initSql(kinesis.region().id(), kinesis.endpoint());
        if (catalogOptions.isEmpty()) {
            return init;
        }
        String type = "'type' = 'streaming-warehouse',";
        String sql = Files.readString(init);
        assertThat(sql).contains(type);
        StringBuilder options = new StringBuilder(type);
        catalogOptions.forEach(
                (key, value) ->
                        options.append("\n  '")
                                .append(key)
                                .append("' = '")
                                .append(value)
                                .append("',"));
        return Files.writeString(init, sql.replace(type, options));
    }

    /**
     * {@code sql-client.sh gateway -e ... -i init.sql -f <name>.sql} with {@code statements}; fails
     * unless the client ends with exit code 0.
     */
    SqlClientScript.Result script(Path dir, String name, String... statements)
            throws IOException, InterruptedException {
        SqlClientScript.Result result =
                SqlClientScript.run(
                        gateway,
                        initSql(),
                        dir,
                        name,
                        String.join("\n", statements),
                        Duration.ofMinutes(3));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).as(result.output()).doesNotContain("[ERROR]");
        return result;
    }

    /** The SQL client in a terminal, at its first prompt. */
    public SqlClientTerminal terminal(Path dir, String name)
            throws IOException, InterruptedException {
        return SqlClientTerminal.open(gateway, initSql(), dir, name);
    }

    /**
     * Types {@code SELECT <ROW> FROM <view>} into {@code terminal} until it shows at least as many
     * rows as valid records were put (the view's pipeline commits them as it goes), then returns
     * the rows shown.
     */
    List<List<String>> awaitRowsShown(SqlClientTerminal terminal, String view) throws Exception {
        String select = "SELECT " + String.join(", ", ROW) + " FROM " + view + ";";
        int expected = valid().size();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            String answer = terminal.type(select);
            List<Tableau.Table> tables = Tableau.tables(answer);
            List<List<String>> rows =
                    tables.isEmpty() ? List.of() : tables.get(0).select(ROW.toArray(String[]::new));
            if (rows.size() >= expected || System.nanoTime() > deadline) {
                return rows;
            }
            Thread.sleep(500);
        }
    }

    // ---- The CLI

    /** What the CLI printed: query rows on stdout ({@code --format json}), the rest on stderr. */
    record CliRun(String out, String err) {

        /** The rows on stdout that have column {@code marker}, as JSON objects. */
        List<JsonNode> objects(String marker) throws IOException {
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> objects = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    JsonNode object = json.readTree(line);
                    if (object.has(marker)) {
                        objects.add(object);
                    }
                }
            }
            return objects;
        }

        /** The seed view rows on stdout (the lines with column partition_key), as {@link #ROW}. */
        List<List<String>> viewRows() throws IOException {
            List<String> lines =
                    out.lines().filter(line -> line.contains("\"partition_key\"")).toList();
            return SeedRows.read(String.join("\n", lines), ROW);
        }

        /** {@code name -> autorefresh} of every view in the stdout rows of stv_mv_info. */
        Map<String, String> autoRefresh() throws IOException {
            Map<String, String> views = new TreeMap<>();
            for (JsonNode row : objects("autorefresh")) {
                views.put(
                        row.get("schema").asText() + "." + row.get("name").asText(),
                        row.get("autorefresh").asText());
            }
            return views;
        }
    }

    /**
     * {@code bin/streaming-ingest run --flink <cluster> --warehouse <init.sql's> --format json
     * <name>} with {@code script}; fails unless it ends with exit code 0.
     */
    CliRun cli(Path dir, String name, String script) throws IOException, InterruptedException {
        try (CliProcess cli =
                CliProcess.start(
                        dir,
                        "run",
                        name,
                        script,
                        List.of(
                                "--flink",
                                flink.hostAndPort(),
                                "--format",
                                "json",
                                "--warehouse",
                                installation.warehouse().toString(),
                                "--kinesis-endpoint",
                                kinesis.endpoint().toString(),
                                "--region",
                                kinesis.region().id()),
                        AWS_ENVIRONMENT)) {
            int exit = cli.waitFor(Duration.ofMinutes(3));
            assertThat(exit).as("stderr: %s", cli.err()).isZero();
            return new CliRun(cli.out(), cli.err());
        }
    }

    // ---- The cluster

    /** The cluster's jobs whose name satisfies {@code name}. */
    List<FlinkRest.Job> jobs(Predicate<String> name) throws IOException, InterruptedException {
        return flink.jobs().stream().filter(job -> name.test(job.name())).toList();
    }

    /** The jobs that run (or are about to) on the cluster. */
    List<FlinkRest.Job> unfinishedJobs() throws IOException, InterruptedException {
        return flink.jobs().stream()
                .filter(job -> !List.of("FINISHED", "CANCELED", "FAILED").contains(job.state()))
                .toList();
    }

    /**
     * Waits up to 30 s until the pipeline job named {@code name} runs, and no other job of that
     * name is unfinished; returns it.
     */
    FlinkRest.Job awaitRunning(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<FlinkRest.Job> unfinished = List.of();
        while (System.nanoTime() < deadline) {
            unfinished = unfinishedJobs().stream().filter(j -> j.name().equals(name)).toList();
            if (unfinished.size() == 1 && unfinished.get(0).state().equals("RUNNING")) {
                return unfinished.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No single running job named " + name + ": " + unfinished);
    }
}
