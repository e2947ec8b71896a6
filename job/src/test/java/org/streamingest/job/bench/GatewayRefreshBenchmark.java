package org.streamingest.job.bench;

import org.streamingest.job.exec.StatementExecutor;
import org.streamingest.job.exec.StatementResult;
import org.streamingest.job.sql.RedshiftSqlParser;
import org.streamingest.kinesis.testing.KinesisClients;
import org.streamingest.kinesis.testing.KinesisFixture;
import org.streamingest.kinesis.testing.KinesisServerKind;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.WarehouseCatalogFactory;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.pipeline.FlinkCluster;
import org.streamingest.warehouse.procedure.RefreshMaterializedViewProcedure;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.gateway.api.operation.OperationHandle;
import org.apache.flink.table.gateway.api.operation.OperationStatus;
import org.apache.flink.table.gateway.api.results.OperationInfo;
import org.apache.flink.table.gateway.api.results.ResultSet;
import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestAPIVersion;
import org.apache.flink.table.gateway.service.SqlGatewayServiceImpl;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

/**
 * Manual refresh through the SQL gateway against the CLI's REFRESH, on the same data (a main, not a
 * test). Starts kinesalite and one MiniCluster with its REST endpoint on 127.0.0.1, which both
 * doors use as a session cluster: the SQL gateway's own service ({@link SqlGatewayServiceImpl}) in
 * this JVM with {@code execution.target: remote}, and the CLI's {@link StatementExecutor} with
 * {@code FlinkCluster.remote(...)}. One warehouse (Iceberg JDBC catalog on SQLite) and one manual
 * (AUTO REFRESH NO) seed view {@code public.v} over a 4-shard stream. Each round puts {@code
 * --records} 1 KB JSON records and times one door, then puts as many again and times the other (the
 * order alternates per round):
 *
 * <ul>
 *   <li><b>gateway</b>: {@code CALL w.sys.refresh_materialized_view('public.v')} in a gateway
 *       session, from {@code executeStatement} until the operation is FINISHED (status polled every
 *       10 ms, as a client polls), then until the rows are visible;
 *   <li><b>CLI</b>: {@code REFRESH MATERIALIZED VIEW v} through {@link StatementExecutor}, until it
 *       returns, then until the rows are visible.
 * </ul>
 *
 * <p>Visible: the view's Iceberg table, reloaded from the catalog, has snapshots since the one
 * before the refresh that added exactly {@code --records} rows, and its current snapshot's {@code
 * total-records} is every record put so far. Round 1 is a warm-up left out of the medians. At the
 * end every row of the view is read back and counted. Exits non-zero on any wrong count.
 *
 * <p>Arguments: {@code [--rounds 6] [--records 10000] [--shards 4]}.
 */
public final class GatewayRefreshBenchmark {

    private static final String VIEW = "v";
    private static final String STREAM = "gwbench";
    private static final Duration WAIT = Duration.ofMinutes(5);

    private final int rounds;
    private final int records;
    private final int shards;
    private final RedshiftSqlParser parser = new RedshiftSqlParser();
    private final List<String> cliProgress = Collections.synchronizedList(new ArrayList<>());
    private final List<String> gatewayProgress = Collections.synchronizedList(new ArrayList<>());
    private boolean failed;
    private long put;

    private GatewayRefreshBenchmark(int rounds, int records, int shards) {
        this.rounds = rounds;
        this.records = records;
        this.shards = shards;
    }

    public static void main(String[] argv) throws Exception {
        int rounds = 6;
        int records = 10_000;
        int shards = 4;
        for (int i = 0; i + 1 < argv.length; i += 2) {
            switch (argv[i]) {
                case "--rounds" -> rounds = Integer.parseInt(argv[i + 1]);
                case "--records" -> records = Integer.parseInt(argv[i + 1]);
                case "--shards" -> shards = Integer.parseInt(argv[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        System.setProperty("aws.accessKeyId", KinesisClients.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", KinesisClients.SECRET_KEY);
        boolean ok = new GatewayRefreshBenchmark(rounds, records, shards).run();
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        System.out.println(machine());
        Path dir = Files.createTempDirectory("gwbench");
        standInRuntimeJar(dir);
        captureGatewayProgress();
        try (KinesisFixture kinesis = KinesisFixture.start(KinesisServerKind.KINESALITE);
                // The session cluster: a MiniCluster behind its REST endpoint (127.0.0.1, random
                // port, REST caches refreshed every 100 ms), which both doors reach only there.
                FlinkCluster session = FlinkCluster.embedded()) {
            URI rest = session.restAddress();
            Map<String, String> options = warehouseOptions(dir, kinesis);
            try (FlinkCluster remote = FlinkCluster.remote(rest.getHost() + ":" + rest.getPort());
                    Warehouse warehouse =
                            new Warehouse(WarehouseConfig.of(options), remote, Map.of());
                    StatementExecutor cli = new StatementExecutor(warehouse, cliProgress::add)) {
                System.out.println("CLI: " + remote.describe());
                TestStream stream = kinesis.streams().createNamed(STREAM, shards);
                cli(cli, "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
                cli(
                        cli,
                        "CREATE MATERIALIZED VIEW "
                                + VIEW
                                + " AUTO REFRESH NO AS SELECT approximate_arrival_timestamp,"
                                + " partition_key, shard_id, sequence_number, refresh_time,"
                                + " JSON_PARSE(kinesis_data) AS kinesis_data FROM kds."
                                + STREAM
                                + " WHERE CAN_JSON_PARSE(kinesis_data)");
                SessionManager sessions = gatewaySessions(rest, dir);
                try {
                    Gateway gateway = Gateway.open(sessions);
                    gateway.run("CREATE CATALOG w WITH (" + with(options) + ")");
                    System.out.println(
                            "gateway: SqlGatewayServiceImpl session, execution.target remote, "
                                    + rest);
                    Table table =
                            warehouse
                                    .catalog()
                                    .catalog()
                                    .loadTable(TableIdentifier.of("public", VIEW));
                    rounds(stream, cli, gateway, table);
                    long all = countRows(table);
                    System.out.printf(
                            Locale.ROOT,
                            "rows read back from the view: %,d (records put %,d)%n",
                            all,
                            put);
                    check(all == put, "the view holds " + all + " rows, " + put + " were put");
                } finally {
                    sessions.stop();
                }
            }
        }
        System.out.println(machine().replaceFirst("^machine:", "machine at end:"));
        System.out.println(failed ? "FAILED: a count was wrong" : "every count exact");
        return !failed;
    }

    private void rounds(TestStream stream, StatementExecutor cli, Gateway gateway, Table table)
            throws Exception {
        List<Timing> gatewayTimes = new ArrayList<>();
        List<Timing> cliTimes = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            boolean gatewayFirst = round % 2 == 1;
            Timing g = null;
            Timing c = null;
            for (int turn = 0; turn < 2; turn++) {
                boolean viaGateway = (turn == 0) == gatewayFirst;
                double fill = BenchPayloads.fill(stream, put, records, 0, 4);
                put += records;
                Timing t = viaGateway ? gateway(gateway, table) : cli(cli, table);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: %-40s %6.2f s, rows visible %6.2f s (%,d rows added, answered"
                                + " %,d; put in %.1f s)%n",
                        round,
                        viaGateway
                                ? "gateway CALL refresh_materialized_view"
                                : "CLI REFRESH MATERIALIZED VIEW",
                        t.done,
                        t.visible,
                        t.added,
                        t.answered,
                        fill);
                if (t.phases != null) {
                    System.out.println("  " + t.phases);
                }
                if (viaGateway) {
                    g = t;
                } else {
                    c = t;
                }
            }
            double ratio = g.visible / c.visible;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: ratio gateway/CLI %.2f%s%n",
                    round,
                    ratio,
                    round == 1 && rounds > 1 ? " (warm-up: left out of the medians)" : "");
            if (round > 1 || rounds == 1) {
                gatewayTimes.add(g);
                cliTimes.add(c);
                ratios.add(ratio);
            }
        }
        double gDone = median(gatewayTimes.stream().map(t -> t.done).toList());
        double gVisible = median(gatewayTimes.stream().map(t -> t.visible).toList());
        double cDone = median(cliTimes.stream().map(t -> t.done).toList());
        double cVisible = median(cliTimes.stream().map(t -> t.visible).toList());
        System.out.printf(
                Locale.ROOT,
                "median after warm-up, %,d records per refresh:%n"
                        + "  (a) gateway CALL: FINISHED %.2f s, rows visible %.2f s%n"
                        + "  (b) CLI REFRESH:  returned %.2f s, rows visible %.2f s%n"
                        + "  ratio (a)/(b) of the medians, rows visible: %.2f; median of the"
                        + " per-round ratios %.2f, sorted %s%n",
                records,
                gDone,
                gVisible,
                cDone,
                cVisible,
                gVisible / cVisible,
                median(ratios),
                ratios.stream()
                        .sorted()
                        .map(r -> String.format(Locale.ROOT, "%.2f", r))
                        .collect(Collectors.toList()));
    }

    /** (a): the procedure in the gateway session, until FINISHED, then until the rows show. */
    private Timing gateway(Gateway gateway, Table table) throws Exception {
        Long before = current(table);
        gatewayProgress.clear();
        long start = System.nanoTime();
        OperationHandle operation =
                gateway.submit("CALL w.sys.refresh_materialized_view('public." + VIEW + "')");
        gateway.await(operation);
        double done = (System.nanoTime() - start) / 1e9;
        long added = awaitVisible(table, before);
        double visible = (System.nanoTime() - start) / 1e9;
        List<RowData> answer = gateway.results(operation);
        long answered = answer.size() == 1 ? answer.get(0).getLong(1) : -1;
        check(answer.size() == 1, "the CALL answered " + answer.size() + " rows");
        return timing(done, visible, added, answered, gatewayProgress);
    }

    /** (b): the CLI's REFRESH through its executor, until it returns, then until the rows show. */
    private Timing cli(StatementExecutor cli, Table table) throws Exception {
        Long before = current(table);
        cliProgress.clear();
        long start = System.nanoTime();
        StatementResult result = cli(cli, "REFRESH MATERIALIZED VIEW " + VIEW);
        double done = (System.nanoTime() - start) / 1e9;
        long added = awaitVisible(table, before);
        double visible = (System.nanoTime() - start) / 1e9;
        return timing(done, visible, added, result.rowsAdded(), cliProgress);
    }

    private Timing timing(
            double done, double visible, long added, long answered, List<String> progress) {
        check(added == records, "rows added " + added + ", expected " + records);
        check(answered == records, "refresh answered " + answered + ", expected " + records);
        String phases;
        synchronized (progress) {
            phases =
                    progress.stream()
                            .filter(l -> l.startsWith("refresh ") && l.contains(" rows added in "))
                            .findFirst()
                            .orElse(null);
        }
        return new Timing(done, visible, added, answered, phases);
    }

    /**
     * Waits until the view's snapshots since {@code before} added {@code --records} rows and its
     * current snapshot holds every record put so far; returns the rows added (what it saw last on a
     * timeout, or as soon as more than expected show).
     */
    private long awaitVisible(Table table, Long before) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long added = Snapshots.addedSince(table, before);
            Snapshot current = table.currentSnapshot();
            long total =
                    current == null
                            ? 0
                            : Long.parseLong(current.summary().getOrDefault("total-records", "0"));
            if ((added == records && total == put)
                    || added > records
                    || System.nanoTime() > deadline) {
                if (total != put) {
                    check(false, "the view's snapshot holds " + total + " rows, " + put + " put");
                }
                return added;
            }
            Thread.sleep(5);
        }
    }

    private static Long current(Table table) {
        return Snapshots.current(table);
    }

    private static long countRows(Table table) throws Exception {
        table.refresh();
        long n = 0;
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            for (Record ignored : rows) {
                n++;
            }
        }
        return n;
    }

    private StatementResult cli(StatementExecutor executor, String sql) throws Exception {
        return executor.execute(parser.parseScript(sql).get(0));
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            failed = true;
            System.out.println("MISMATCH: " + message);
        }
    }

    /** The warehouse: an Iceberg JDBC catalog on SQLite, its streams on kinesalite. */
    private static Map<String, String> warehouseOptions(Path dir, KinesisFixture kinesis) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("type", WarehouseCatalogFactory.IDENTIFIER);
        options.put("warehouse", dir.resolve("warehouse").toString());
        options.put("catalog-type", "jdbc");
        options.put("uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
        options.put("aws.endpoint", kinesis.endpoint().toString());
        options.put("aws.region", kinesis.region().id());
        options.put("aws.cbor.enabled", "false");
        return options;
    }

    private static String with(Map<String, String> options) {
        return options.entrySet().stream()
                .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                .collect(Collectors.joining(", "));
    }

    /**
     * Jobs on a session cluster carry the runtime jar; this cluster runs in this JVM, which has
     * every class already (a real runtime jar would load a second copy of them child-first), so an
     * empty jar stands in for it, for both doors.
     */
    private static void standInRuntimeJar(Path dir) throws Exception {
        Path empty = dir.resolve("streaming-ingest-runtime.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(empty))) {
            // no entries
        }
        System.setProperty("streaming-ingest.runtime-jar", empty.toString());
    }

    /** A SQL gateway's sessions, submitting to the session cluster at {@code rest}. */
    private static SessionManager gatewaySessions(URI rest, Path dir) {
        Configuration conf = new Configuration();
        conf.setString("execution.target", "remote");
        conf.setString("rest.address", rest.getHost());
        conf.setString("rest.port", Integer.toString(rest.getPort()));
        conf.setString(
                "execution.checkpointing.savepoint-dir",
                dir.resolve("gateway-savepoints").toUri().toString());
        conf.setString("table.exec.iceberg.use-v2-sink", "true");
        SessionManager sessions = SessionManager.create(new DefaultContext(conf, List.of()));
        sessions.start();
        return sessions;
    }

    /**
     * The procedure's line on where a refresh spent its time, which it logs (the CLI prints the
     * same line as progress): captured from log4j, whatever the default configuration.
     */
    private void captureGatewayProgress() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        org.apache.logging.log4j.core.config.Configuration config = context.getConfiguration();
        AbstractAppender appender =
                new AbstractAppender(
                        "gateway-refresh-phases", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        gatewayProgress.add(event.getMessage().getFormattedMessage());
                    }
                };
        appender.start();
        config.addAppender(appender);
        LoggerConfig logger =
                new LoggerConfig(
                        RefreshMaterializedViewProcedure.class.getName(), Level.INFO, false);
        logger.addAppender(appender, Level.INFO, null);
        config.addLogger(logger.getName(), logger);
        context.updateLoggers();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? Double.NaN : (sorted.get((n - 1) / 2) + sorted.get(n / 2)) / 2;
    }

    private static String machine() {
        return String.format(
                Locale.ROOT,
                "machine: %d cores, %s %s, Java %s; load average %.2f",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private record Timing(double done, double visible, long added, long answered, String phases) {}

    /** One gateway session: statements submitted, their status polled as a client polls. */
    private record Gateway(SqlGatewayServiceImpl service, SessionHandle session) {

        static Gateway open(SessionManager sessions) {
            SqlGatewayServiceImpl service = new SqlGatewayServiceImpl(sessions);
            SessionHandle session =
                    service.openSession(
                            SessionEnvironment.newBuilder()
                                    .setSessionEndpointVersion(
                                            SqlGatewayRestAPIVersion.getDefaultVersion())
                                    .build());
            return new Gateway(service, session);
        }

        OperationHandle submit(String statement) {
            return service.executeStatement(session, statement, -1, new Configuration());
        }

        void run(String statement) throws Exception {
            OperationHandle operation = submit(statement);
            await(operation);
            service.closeOperation(session, operation);
        }

        void await(OperationHandle operation) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                OperationInfo info = service.getOperationInfo(session, operation);
                if (info.getStatus() == OperationStatus.FINISHED) {
                    return;
                }
                if (info.getStatus().isTerminalStatus()) {
                    throw new IllegalStateException(
                            "operation ended " + info.getStatus(),
                            info.getException().orElse(null));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("operation did not end within " + WAIT);
                }
                Thread.sleep(10);
            }
        }

        /** Every row of a FINISHED operation's result; closes the operation. */
        List<RowData> results(OperationHandle operation) {
            List<RowData> rows = new ArrayList<>();
            long token = 0;
            while (true) {
                ResultSet page = service.fetchResults(session, operation, token, Integer.MAX_VALUE);
                if (page.getResultType() == ResultSet.ResultType.EOS) {
                    break;
                }
                rows.addAll(page.getData());
                if (page.getNextToken() == null) {
                    break;
                }
                token = page.getNextToken();
            }
            service.closeOperation(session, operation);
            return rows;
        }
    }
}
