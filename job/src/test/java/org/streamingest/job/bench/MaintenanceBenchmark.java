package org.streamingest.job.bench;

import org.streamingest.job.exec.StatementExecutor;
import org.streamingest.job.exec.StatementResult;
import org.streamingest.job.sql.RedshiftSqlParser;
import org.streamingest.kinesis.testing.KinesisClients;
import org.streamingest.kinesis.testing.KinesisFixture;
import org.streamingest.kinesis.testing.KinesisServerKind;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.maintenance.DataFileRewrite;
import org.streamingest.warehouse.maintenance.SnapshotExpiry;
import org.streamingest.warehouse.maintenance.TableMaintenance;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Row;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Table-maintenance benchmark (a main, not a test), on kinesalite and one embedded MiniCluster:
 *
 * <ol>
 *   <li><b>Commits.</b> A 1-shard stream is filled with {@code --commits} x {@code
 *       --rows-per-commit} records; a manual view over it ({@code fresh}), refreshed once, is the
 *       freshly written table (one commit). Two warehouses, maintenance off and on, each get the
 *       same view {@code v} made through {@link StatementExecutor} (its table as the product makes
 *       it, never refreshed), and {@code --commits} commits of {@code --rows-per-commit} of those
 *       rows each, in order, as the view's sink commits them ({@link SinkCommit}: one Parquet file
 *       per commit, the sink's merging append and summary). On the maintenance side, every 600
 *       commits (the default {@code maintenance.interval} of 10 min at one commit a second) one
 *       round of the product's {@link TableMaintenance} as its scheduler runs it: rewrite data
 *       files, then expire snapshots, keeping the last 600 commits' (the default retention of 10
 *       min, scaled the same way).
 *   <li><b>SELECT latency.</b> {@code SELECT COUNT(*)} and {@code SELECT * ... LIMIT 100} of each
 *       of the three through the same executor (the CLI's query path), in turn, the order rotating
 *       every round; round 0 is a warm-up. Every count must equal the records put and every page
 *       hold 100 rows.
 *   <li><b>Freshness.</b> Two more warehouses, maintenance off and on with a short interval ({@code
 *       --fresh-maintenance}, snapshot retention twice that), each with an AUTO REFRESH YES view (1
 *       s, the default interval) on a stream of its own; {@link FreshnessRun} on both at once,
 *       {@code --fresh-rounds} times.
 * </ol>
 *
 * <p>Arguments: {@code [--commits 10000] [--rows-per-commit 5] [--maintenance-every 600] [--rounds
 * 5] [--fresh-rate 500] [--fresh-seconds 30] [--fresh-rounds 2] [--fresh-maintenance "5 s"]}. Exits
 * non-zero if a count or page is wrong or a view misses records.
 */
public final class MaintenanceBenchmark {

    private static final String VIEW = "v";
    private static final String FRESH = "fresh";

    /** The default snapshot retention, 10 min, in commits at one commit a second. */
    private static final int RETAINED = 600;

    private final Args args;
    private final RedshiftSqlParser parser = new RedshiftSqlParser();
    private boolean failed;

    private MaintenanceBenchmark(Args args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        System.setProperty("aws.accessKeyId", KinesisClients.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", KinesisClients.SECRET_KEY);
        boolean ok = new MaintenanceBenchmark(args).runAll();
        System.exit(ok ? 0 : 1);
    }

    /** One warehouse of the run and its session. */
    private record Side(String label, Warehouse warehouse, StatementExecutor executor) {
        Table table(String view) {
            return warehouse.catalog().catalog().loadTable(TableIdentifier.of("public", view));
        }
    }

    private boolean runAll() throws Exception {
        System.out.println(machine());
        Path dir = Files.createTempDirectory("mbench");
        try (KinesisFixture kinesis = KinesisFixture.start(KinesisServerKind.KINESALITE);
                FlinkCluster cluster = FlinkCluster.embedded()) {
            Map<String, String> aws =
                    Map.of(
                            "aws.endpoint", kinesis.endpoint().toString(),
                            "aws.region", kinesis.region().id());
            List<Side> sides = new ArrayList<>();
            try {
                Side off = open(sides, "maintenance off", dir, cluster, aws, null);
                Side on = open(sides, "maintenance on", dir, cluster, aws, Duration.ZERO);
                long rows = commits(kinesis, off, on);
                try {
                    selects(rows, off, on);
                } catch (Exception e) { // the freshness part still runs
                    check(false, "SELECT phase failed: " + e);
                    e.printStackTrace(System.out);
                }
                Side freshOff = open(sides, "freshness, maintenance off", dir, cluster, aws, null);
                Side freshOn =
                        open(
                                sides,
                                "freshness, maintenance on",
                                dir,
                                cluster,
                                aws,
                                args.freshMaintenance);
                freshness(kinesis, freshOff, freshOn);
            } finally {
                for (Side side : sides) {
                    side.executor.close();
                    side.warehouse.close();
                }
            }
        }
        System.out.println("machine at end: " + machine());
        System.out.println(failed ? "SOME ANSWERS WERE WRONG" : "every count exact");
        return !failed;
    }

    /**
     * A warehouse whose AUTO REFRESH views commit every second (the default), maintained every
     * {@code maintenance} with snapshots retained twice as long, or never if null. A zero interval
     * is a warehouse whose scheduler is off but whose defaults the benchmark's maintenance uses.
     */
    private Side open(
            List<Side> sides,
            String label,
            Path dir,
            FlinkCluster cluster,
            Map<String, String> aws,
            Duration maintenance)
            throws Exception {
        Map<String, String> options = new LinkedHashMap<>(aws);
        options.put("warehouse", dir.resolve("w" + sides.size()).toString());
        options.put(
                "maintenance.interval",
                maintenance == null ? "0 ms" : maintenance.toMillis() + " ms");
        if (maintenance != null && !maintenance.isZero()) {
            options.put(
                    "maintenance.snapshot-retention",
                    maintenance.multipliedBy(2).toMillis() + " ms");
        }
        Warehouse warehouse = new Warehouse(WarehouseConfig.of(options), cluster, Map.of());
        StatementExecutor executor = new StatementExecutor(warehouse, line -> {});
        Side side = new Side(label, warehouse, executor);
        sides.add(side);
        execute(side, "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
        System.out.println(label + ": warehouse options " + without(options, aws));
        return side;
    }

    private long commits(KinesisFixture kinesis, Side off, Side on) throws Exception {
        long rows = (long) args.commits * args.rowsPerCommit;
        TestStream stream = kinesis.streams().createNamed("mbench", 1);
        double fill = BenchPayloads.fill(stream, 0, (int) rows, 0, 4);
        System.out.printf(
                Locale.ROOT, "filled %s: %,d records in %.1f s%n", stream.name(), rows, fill);
        execute(off, view(FRESH, false, stream.name()));
        long start = System.nanoTime();
        StatementResult refreshed = execute(off, "REFRESH MATERIALIZED VIEW " + FRESH);
        System.out.printf(
                Locale.ROOT,
                "fresh table: one REFRESH of the whole stream (one commit) in %.1f s, %,d rows%n",
                (System.nanoTime() - start) / 1e9,
                refreshed.rowsAdded());
        check(refreshed.rowsAdded() == rows, "fresh table got " + refreshed.rowsAdded());
        // The views whose commits follow: their tables as the product makes them (the same for
        // AUTO REFRESH YES), never refreshed, so that this benchmark commits every row.
        execute(off, view(VIEW, false, stream.name()));
        execute(on, view(VIEW, false, stream.name()));
        List<Record> records = new ArrayList<>();
        try (CloseableIterable<Record> read = IcebergGenerics.read(off.table(FRESH)).build()) {
            read.forEach(r -> records.add(r.copy()));
        }
        check(records.size() == rows, "read " + records.size() + " rows of the fresh table");
        for (Side side : List.of(off, on)) {
            long already = TableShape.total(side.table(VIEW).currentSnapshot(), "total-records");
            check(already == 0, side.label + ": its pipeline committed " + already + " rows");
        }
        TableMaintenance maintenance =
                new TableMaintenance(
                        on.warehouse.catalog().catalog(),
                        on.warehouse.config().maintenance(),
                        Clock.systemUTC());
        int every = args.maintenanceEvery;
        System.out.printf(
                Locale.ROOT,
                "commit phase: %,d commits of %d rows (one Parquet file each) to both views;"
                        + " maintenance (on) every %d commits%n",
                args.commits,
                args.rowsPerCommit,
                every);
        // The commits are written through a Hadoop catalog of their own on the same tables,
        // whose local file system sets permissions without starting a chmod process per file.
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        hadoop.set("fs.file.impl", ForklessLocalFileSystem.class.getName());
        hadoop.setBoolean("fs.file.impl.disable.cache", true);
        HadoopTables tables = new HadoopTables(hadoop);
        Table offTable = tables.load(off.table(VIEW).location());
        Table onTable = tables.load(on.table(VIEW).location());
        ObjectName name = new ObjectName("public", VIEW);
        start = System.nanoTime();
        long begin = start;
        ExecutorService committers = Executors.newFixedThreadPool(2);
        Future<Double> offDone =
                committers.submit(() -> commitAll(offTable, records, null, null, null, begin));
        Future<Double> onDone =
                committers.submit(
                        () -> commitAll(onTable, records, maintenance, name, offTable, begin));
        offDone.get();
        double maintenanceSeconds = onDone.get();
        committers.shutdown();
        System.out.printf(
                Locale.ROOT,
                "%,d commits each in %.0f s (maintenance %.0f s of it)%n",
                args.commits,
                (System.nanoTime() - start) / 1e9,
                maintenanceSeconds);
        System.out.println("fresh table:      " + TableShape.of(off.table(FRESH)));
        System.out.println("maintenance off:  " + TableShape.of(off.table(VIEW)));
        System.out.println("maintenance on:   " + TableShape.of(on.table(VIEW)));
        return rows;
    }

    /**
     * Makes {@code --commits} sink commits of {@code --rows-per-commit} rows each to {@code table};
     * with {@code maintenance}, also a maintenance round (rewrite, then expire) of {@code name}
     * every {@code --maintenance-every} commits (the default 600: the default interval, 10 min, at
     * one commit a second), keeping the snapshots of that many commits. Returns the seconds
     * maintenance took.
     */
    private double commitAll(
            Table table,
            List<Record> records,
            TableMaintenance maintenance,
            ObjectName name,
            Table other,
            long start)
            throws Exception {
        SinkCommit sink = new SinkCommit(table);
        int every = args.maintenanceEvery;
        List<Long> commitTimes = new ArrayList<>();
        double maintenanceSeconds = 0;
        for (int c = 0; c < args.commits; c++) {
            sink.commit(records.subList(c * args.rowsPerCommit, (c + 1) * args.rowsPerCommit));
            commitTimes.add(System.currentTimeMillis());
            if ((c + 1) % every != 0) {
                continue;
            }
            if (maintenance == null) {
                System.out.printf(
                        Locale.ROOT,
                        "  off: %,6d commits, %5.0f s; commit (file + append) %.0f ms (mean of"
                                + " the last %d); load %s%n",
                        c + 1,
                        (System.nanoTime() - start) / 1e9,
                        sink.meanMillis(),
                        every,
                        load());
                continue;
            }
            long round = System.nanoTime();
            DataFileRewrite.Result rewrite =
                    maintenance.rewriteDataFiles(
                            name,
                            StreamExecutionEnvironment.createLocalEnvironment(
                                    1, new Configuration()),
                            null);
            // The retention scaled as the commits are: the last RETAINED commits are kept.
            SnapshotExpiry.Result expiry =
                    maintenance.expireSnapshots(
                            name,
                            Instant.ofEpochMilli(commitTimes.get(Math.max(0, c + 1 - RETAINED))),
                            null);
            table.refresh();
            double seconds = (System.nanoTime() - round) / 1e9;
            maintenanceSeconds += seconds;
            System.out.printf(
                    Locale.ROOT,
                    "  on:  %,6d commits, %5.0f s; commit (file + append) %.0f ms (mean of the"
                            + " last %d); maintenance %.1f s: rewrote %,d data files into %,d,"
                            + " expired %,d snapshots (%,d kept); load %s%n",
                    c + 1,
                    (System.nanoTime() - start) / 1e9,
                    sink.meanMillis(),
                    every,
                    seconds,
                    rewrite.rewrittenDataFiles(),
                    rewrite.addedDataFiles(),
                    expiry.deletedSnapshots(),
                    expiry.retainedSnapshots(),
                    load());
        }
        return maintenanceSeconds;
    }

    /** Waits until the view of {@code side} holds {@code rows} rows. */
    private void awaitRows(Side side, long rows) throws InterruptedException {
        Table table = side.table(VIEW);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            table.refresh();
            seen = TableShape.total(table.currentSnapshot(), "total-records");
            if (seen >= rows) {
                break;
            }
            Thread.sleep(200);
        }
        check(seen == rows, side.label + " holds " + seen + " rows, " + rows + " put");
    }

    private void selects(long rows, Side off, Side on) throws Exception {
        Map<String, Side> cases = new LinkedHashMap<>();
        cases.put("fresh table", off);
        cases.put("maintenance off", off);
        cases.put("maintenance on", on);
        Map<String, List<Double>> counts = new HashMap<>();
        Map<String, List<Double>> pages = new HashMap<>();
        List<String> order = new ArrayList<>(cases.keySet());
        for (int round = 0; round <= args.rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (int i = 0; i < order.size(); i++) {
                String label = order.get((i + round) % order.size());
                String relation = label.equals("fresh table") ? FRESH : VIEW;
                Side side = cases.get(label);
                long start = System.nanoTime();
                List<Row> counted = query(side, "SELECT COUNT(*) FROM " + relation);
                double count = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                List<Row> page = query(side, "SELECT * FROM " + relation + " LIMIT 100");
                double limit = (System.nanoTime() - start) / 1e9;
                long answer = ((Number) counted.get(0).getField(0)).longValue();
                check(answer == rows, label + ": COUNT(*) answered " + answer + " of " + rows);
                check(page.size() == 100, label + ": LIMIT 100 gave " + page.size() + " rows");
                if (round > 0) {
                    counts.computeIfAbsent(label, k -> new ArrayList<>()).add(count);
                    pages.computeIfAbsent(label, k -> new ArrayList<>()).add(limit);
                }
                line.append(
                        String.format(
                                Locale.ROOT,
                                " %s count %.2f s (%,d), page %.2f s;",
                                label,
                                count,
                                answer,
                                limit));
            }
            System.out.println(line + (round == 0 ? " (warm-up)" : "") + " load " + load());
        }
        double freshCount = median(counts.get("fresh table"));
        double freshPage = median(pages.get("fresh table"));
        System.out.printf(Locale.ROOT, "SELECT latency, median of %d rounds:%n", args.rounds);
        for (String label : order) {
            double count = median(counts.get(label));
            double page = median(pages.get(label));
            System.out.printf(
                    Locale.ROOT,
                    "  %-16s COUNT(*) %6.2f s (x%.2f of fresh, sorted %s), LIMIT 100 %6.2f s"
                            + " (x%.2f, sorted %s)%n",
                    label,
                    count,
                    count / freshCount,
                    sorted(counts.get(label)),
                    page,
                    page / freshPage,
                    sorted(pages.get(label)));
        }
        double countRatio = median(counts.get("maintenance on")) / freshCount;
        double pageRatio = median(pages.get("maintenance on")) / freshPage;
        System.out.printf(
                Locale.ROOT,
                "verdict: maintenance on vs fresh table, COUNT(*) x%.2f, LIMIT 100 x%.2f: target"
                        + " <= 1.5x %s%n",
                countRatio,
                pageRatio,
                countRatio <= 1.5 && pageRatio <= 1.5 ? "MET" : "NOT MET");
    }

    private void freshness(KinesisFixture kinesis, Side off, Side on) throws Exception {
        if (args.freshRounds == 0) {
            return;
        }
        Map<Side, TestStream> streams = new LinkedHashMap<>();
        for (Side side : List.of(off, on)) {
            TestStream stream = kinesis.streams().createNamed("mbench_fresh" + streams.size(), 1);
            streams.put(side, stream);
            execute(side, view(VIEW, true, stream.name()));
            stream.put(List.of(BenchPayloads.entry(0, System.currentTimeMillis(), 0)));
        }
        for (Side side : streams.keySet()) {
            awaitRows(side, 1);
        }
        Map<Side, List<Long>> p50s = new LinkedHashMap<>();
        ExecutorService runs = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= args.freshRounds; round++) {
                long firstId = 1 + (long) (round - 1) * args.freshRate * args.freshSeconds;
                Map<Side, Future<FreshnessRun.Result>> results = new LinkedHashMap<>();
                for (Map.Entry<Side, TestStream> e : streams.entrySet()) {
                    FreshnessRun run = new FreshnessRun(e.getKey().table(VIEW));
                    results.put(
                            e.getKey(),
                            runs.submit(
                                    () ->
                                            run.run(
                                                    e.getValue(),
                                                    firstId,
                                                    args.freshRate,
                                                    args.freshSeconds)));
                }
                for (Map.Entry<Side, Future<FreshnessRun.Result>> e : results.entrySet()) {
                    FreshnessRun.Result r = e.getValue().get();
                    long p50 = FreshnessRun.Result.percentile(r.commitLatency(), 50);
                    p50s.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(p50);
                    System.out.printf(
                            Locale.ROOT,
                            "freshness round %d, %-27s %,d put, %,d seen; put->commit p50 %d ms,"
                                    + " p99 %d ms, max %d ms; table now %s%n",
                            round,
                            e.getKey().label + ":",
                            r.put(),
                            r.seen(),
                            p50,
                            FreshnessRun.Result.percentile(r.commitLatency(), 99),
                            FreshnessRun.Result.percentile(r.commitLatency(), 100),
                            TableShape.of(e.getKey().table(VIEW)));
                    check(r.seen() == r.put(), e.getKey().label + " saw " + r.seen());
                }
            }
        } finally {
            runs.shutdownNow();
        }
        double offP50 = median(p50s.get(off).stream().map(Long::doubleValue).toList());
        double onP50 = median(p50s.get(on).stream().map(Long::doubleValue).toList());
        System.out.printf(
                Locale.ROOT,
                "verdict: freshness p50 (median of rounds) off %.0f ms, on %.0f ms (maintenance"
                        + " every %d s): target <= 1000 ms with maintenance %s%n",
                offP50,
                onP50,
                args.freshMaintenance.toSeconds(),
                onP50 <= 1000 ? "MET" : "NOT MET");
    }

    private static String view(String name, boolean auto, String stream) {
        return "CREATE MATERIALIZED VIEW "
                + name
                + (auto ? " AUTO REFRESH YES" : "")
                + " AS SELECT approximate_arrival_timestamp, partition_key, shard_id,"
                + " sequence_number, refresh_time, JSON_PARSE(kinesis_data) AS kinesis_data"
                + " FROM kds."
                + stream
                + " WHERE CAN_JSON_PARSE(kinesis_data)";
    }

    private List<Row> query(Side side, String sql) throws Exception {
        return execute(side, sql).query().rows();
    }

    private StatementResult execute(Side side, String sql) throws Exception {
        return side.executor.execute(parser.parseScript(sql).get(0));
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            failed = true;
            System.out.println("MISMATCH: " + message);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return (sorted.get((sorted.size() - 1) / 2) + sorted.get(sorted.size() / 2)) / 2;
    }

    private static List<String> sorted(List<Double> values) {
        return values.stream().sorted().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList();
    }

    private static Map<String, String> without(
            Map<String, String> options, Map<String, String> aws) {
        Map<String, String> shown = new LinkedHashMap<>(options);
        aws.keySet().forEach(shown::remove);
        shown.remove("warehouse");
        return shown;
    }

    private static String load() {
        return String.format(
                Locale.ROOT,
                "%.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String machine() {
        return String.format(
                Locale.ROOT,
                "machine: %d cores, %s %s, Java %s; load average %s",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                load());
    }

    /** Command-line arguments. */
    private record Args(
            int commits,
            int rowsPerCommit,
            int maintenanceEvery,
            int rounds,
            int freshRate,
            int freshSeconds,
            int freshRounds,
            Duration freshMaintenance) {

        static Args parse(String[] argv) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i + 1 < argv.length; i += 2) {
                given.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
            }
            return new Args(
                    Integer.parseInt(given.getOrDefault("commits", "10000")),
                    Integer.parseInt(given.getOrDefault("rows-per-commit", "5")),
                    Integer.parseInt(given.getOrDefault("maintenance-every", "600")),
                    Integer.parseInt(given.getOrDefault("rounds", "5")),
                    Integer.parseInt(given.getOrDefault("fresh-rate", "500")),
                    Integer.parseInt(given.getOrDefault("fresh-seconds", "30")),
                    Integer.parseInt(given.getOrDefault("fresh-rounds", "2")),
                    org.apache.flink.util.TimeUtils.parseDuration(
                            given.getOrDefault("fresh-maintenance", "5 s")));
        }
    }
}
