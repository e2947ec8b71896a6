package org.streamingest.job.bench;

import org.streamingest.job.exec.StatementExecutor;
import org.streamingest.job.exec.StatementResult;
import org.streamingest.job.sql.RedshiftSqlParser;
import org.streamingest.kinesis.testing.KinesisClients;
import org.streamingest.kinesis.testing.KinesisFixture;
import org.streamingest.kinesis.testing.KinesisServerKind;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.WarehouseLocation;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streaming-warehouse benchmark (a main, not a test). On kinesalite and an embedded MiniCluster:
 *
 * <ol>
 *   <li>the seed view (JSON_PARSE / CAN_JSON_PARSE) through {@link StatementExecutor}, one manual
 *       REFRESH over a pre-filled stream, against a plain Flink SQL job doing the same into an
 *       Iceberg table; both must commit exactly the valid records;
 *   <li>AUTO REFRESH freshness (put to committed snapshot) at a steady put rate;
 *   <li>the latency of a manual REFRESH over a delta of records;
 *   <li>the full recompute of a derived view over the seed view.
 * </ol>
 *
 * <p>Arguments: {@code [--records 100000] [--malformed-every 25] [--rounds 5] [--rate 1000]
 * [--seconds 40] [--delta 10000] [--plain-checkpoint "1 s"]}. Round 1 is a warm-up left out of the
 * median ratio. Exits non-zero if a row count is not the expected one.
 */
public final class WarehouseBenchmark {

    private final Args args;
    private final RedshiftSqlParser parser = new RedshiftSqlParser();
    private boolean failed;

    private WarehouseBenchmark(Args args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        System.setProperty("aws.accessKeyId", KinesisClients.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", KinesisClients.SECRET_KEY);
        boolean ok = new WarehouseBenchmark(args).runAll();
        System.exit(ok ? 0 : 1);
    }

    /** Prints where a refresh spent its time (the session's line after each refresh). */
    private static void phases(String progress) {
        if (progress.startsWith("refresh ") && progress.contains(" rows added in ")) {
            System.out.println("  " + progress);
        }
    }

    private boolean runAll() throws Exception {
        System.out.println(machine());
        Path dir = Files.createTempDirectory("whbench");
        try (KinesisFixture kinesis = KinesisFixture.start(KinesisServerKind.KINESALITE);
                FlinkCluster cluster = FlinkCluster.embedded()) {
            Map<String, String> settings =
                    Map.of(
                            "aws.endpoint", kinesis.endpoint().toString(),
                            "aws.region", kinesis.region().id());
            Warehouse warehouse =
                    new Warehouse(
                            WarehouseLocation.of(dir.resolve("warehouse").toString()),
                            cluster,
                            settings,
                            Map.of());
            try (StatementExecutor executor =
                    new StatementExecutor(warehouse, WarehouseBenchmark::phases)) {
                execute(executor, "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default");
                String seedView = throughput(kinesis, cluster, warehouse, executor, settings, dir);
                manualDelta(kinesis, warehouse, executor, seedView);
                derived(executor, seedView);
                freshness(kinesis, warehouse, executor);
            } finally {
                warehouse.close();
            }
        }
        System.out.println("machine at end: " + machine());
        return !failed;
    }

    private String throughput(
            KinesisFixture kinesis,
            FlinkCluster cluster,
            Warehouse warehouse,
            StatementExecutor executor,
            Map<String, String> settings,
            Path dir)
            throws Exception {
        TestStream stream = kinesis.streams().createNamed("whbench_seed", 4);
        double fill = BenchPayloads.fill(stream, 0, args.records, args.malformedEvery, 4);
        long valid = BenchPayloads.valid(args.records, args.malformedEvery);
        System.out.printf(
                Locale.ROOT,
                "filled %s: %,d records x %d B (%,d valid, %,d malformed) in %.1f s%n",
                stream.name(),
                args.records,
                BenchPayloads.SIZE,
                valid,
                args.records - valid,
                fill);
        List<Double> ratios = new ArrayList<>();
        String view = null;
        for (int round = 1; round <= args.rounds; round++) {
            view = "seed_view_" + round;
            execute(executor, seedView(view, false, "whbench_seed"));
            Table table = table(warehouse, view);
            PlainFlinkRun.RunResult plain = null;
            if (round % 2 == 0) {
                plain = plain(cluster, settings, table, valid, dir, round);
            }
            long start = System.nanoTime();
            StatementResult refreshed = execute(executor, "REFRESH MATERIALIZED VIEW " + view);
            double seconds = (System.nanoTime() - start) / 1e9;
            long rows = Snapshots.addedSince(table, null);
            report(round, "seed view, manual REFRESH", seconds, rows, valid);
            check(refreshed.rowsAdded() == valid, "REFRESH reported " + refreshed.rowsAdded());
            if (plain == null) {
                plain = plain(cluster, settings, table, valid, dir, round);
            }
            double ratio = (args.records / seconds) / (args.records / plain.seconds());
            if (round > 1 || args.rounds == 1) {
                ratios.add(ratio);
            }
            System.out.printf(
                    Locale.ROOT,
                    "round %d: ratio view/plain %.2f%s%n",
                    round,
                    ratio,
                    round == 1 && args.rounds > 1 ? " (warm-up: left out of the median)" : "");
        }
        ratios.sort(Double::compare);
        System.out.printf(
                Locale.ROOT,
                "ratio view/plain median %.2f, per round after warm-up sorted %s%n",
                (ratios.get((ratios.size() - 1) / 2) + ratios.get(ratios.size() / 2)) / 2,
                ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
        return view;
    }

    private PlainFlinkRun.RunResult plain(
            FlinkCluster cluster,
            Map<String, String> settings,
            Table viewTable,
            long valid,
            Path dir,
            int round)
            throws Exception {
        PlainFlinkRun.RunResult plain =
                PlainFlinkRun.run(
                        cluster,
                        settings,
                        viewTable,
                        "whbench_seed",
                        valid,
                        dir.resolve("plain-" + round),
                        args.plainCheckpoint);
        report(
                round,
                "plain Flink SQL job (checkpoint " + args.plainCheckpoint + ")",
                plain.seconds(),
                plain.rows(),
                valid);
        return plain;
    }

    private void manualDelta(
            KinesisFixture kinesis, Warehouse warehouse, StatementExecutor executor, String view)
            throws Exception {
        TestStream stream = kinesis.streams().existing("whbench_seed");
        double fill = BenchPayloads.fill(stream, args.records, args.delta, 0, 4);
        Table table = table(warehouse, view);
        Long before = Snapshots.current(table);
        long start = System.nanoTime();
        StatementResult refreshed = execute(executor, "REFRESH MATERIALIZED VIEW " + view);
        double seconds = (System.nanoTime() - start) / 1e9;
        long added = Snapshots.addedSince(table, before);
        System.out.printf(
                Locale.ROOT,
                "manual REFRESH of a %,d-record delta (put in %.1f s): %.2f s, rows added %,d"
                        + " (REFRESH reported %,d)%n",
                args.delta,
                fill,
                seconds,
                added,
                refreshed.rowsAdded());
        check(added == args.delta && refreshed.rowsAdded() == args.delta, "delta rows " + added);
        // The fixed cost of a refresh: the same REFRESH with nothing new in the stream.
        long idle = System.nanoTime();
        StatementResult empty = execute(executor, "REFRESH MATERIALIZED VIEW " + view);
        System.out.printf(
                Locale.ROOT,
                "manual REFRESH with an empty delta (fixed cost): %.2f s, rows added %,d%n",
                (System.nanoTime() - idle) / 1e9,
                empty.rowsAdded());
        check(empty.rowsAdded() == 0, "empty refresh added " + empty.rowsAdded());
    }

    /**
     * A derived view over the seed view: its creation is a full recompute (batch INSERT OVERWRITE)
     * over every row of the seed view; a REFRESH with unchanged inputs only compares versions.
     */
    private void derived(StatementExecutor executor, String seedView) throws Exception {
        long expected =
                ((Number)
                                execute(executor, "SELECT COUNT(*) FROM " + seedView)
                                        .query()
                                        .rows()
                                        .get(0)
                                        .getField(0))
                        .longValue();
        long start = System.nanoTime();
        execute(
                executor,
                "CREATE MATERIALIZED VIEW per_key AS SELECT partition_key, COUNT(*) AS n FROM "
                        + seedView
                        + " GROUP BY partition_key");
        double recompute = (System.nanoTime() - start) / 1e9;
        long counted =
                ((Number)
                                execute(executor, "SELECT SUM(n) FROM per_key")
                                        .query()
                                        .rows()
                                        .get(0)
                                        .getField(0))
                        .longValue();
        long idle = System.nanoTime();
        StatementResult upToDate = execute(executor, "REFRESH MATERIALIZED VIEW per_key");
        System.out.printf(
                Locale.ROOT,
                "derived view (COUNT(*) GROUP BY over the seed view's %,d rows): full recompute"
                        + " %.2f s; REFRESH with unchanged inputs %.3f s%n",
                expected,
                recompute,
                (System.nanoTime() - idle) / 1e9);
        check(counted == expected, "derived view counted " + counted + " of " + expected);
        check(upToDate.rowsAdded() == 0, "up-to-date refresh added " + upToDate.rowsAdded());
    }

    private void freshness(KinesisFixture kinesis, Warehouse warehouse, StatementExecutor executor)
            throws Exception {
        TestStream stream = kinesis.streams().createNamed("whbench_fresh", 4);
        execute(executor, seedView("fresh_view", true, "whbench_fresh"));
        Table table = table(warehouse, "fresh_view");
        // Warm-up: wait until the pipeline commits a first record.
        stream.put(List.of(BenchPayloads.entry(0, System.currentTimeMillis(), 0)));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (Snapshots.addedSince(table, null) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        FreshnessRun.Result result =
                new FreshnessRun(table).run(stream, 1, args.rate, args.seconds);
        System.out.printf(
                Locale.ROOT,
                "AUTO REFRESH freshness at %,d rec/s for %d s: %,d put, %,d seen; put->commit"
                        + " p50 %d ms, p99 %d ms, max %d ms; put->seen by poller (100 ms) p50 %d"
                        + " ms, p99 %d ms%n",
                args.rate,
                args.seconds,
                result.put(),
                result.seen(),
                FreshnessRun.Result.percentile(result.commitLatency(), 50),
                FreshnessRun.Result.percentile(result.commitLatency(), 99),
                FreshnessRun.Result.percentile(result.commitLatency(), 100),
                FreshnessRun.Result.percentile(result.observedLatency(), 50),
                FreshnessRun.Result.percentile(result.observedLatency(), 99));
        check(result.seen() == result.put(), "freshness saw " + result.seen());
        execute(executor, "DROP MATERIALIZED VIEW fresh_view");
    }

    private static String seedView(String view, boolean auto, String stream) {
        return "CREATE MATERIALIZED VIEW "
                + view
                + (auto ? " AUTO REFRESH YES" : "")
                + " AS SELECT approximate_arrival_timestamp, partition_key, shard_id,"
                + " sequence_number, refresh_time, JSON_PARSE(kinesis_data) AS kinesis_data"
                + " FROM kds."
                + stream
                + " WHERE CAN_JSON_PARSE(kinesis_data)";
    }

    private StatementResult execute(StatementExecutor executor, String sql) throws Exception {
        return executor.execute(parser.parseScript(sql).get(0));
    }

    private static Table table(Warehouse warehouse, String view) {
        return warehouse.catalog().catalog().loadTable(TableIdentifier.of("public", view));
    }

    private void report(int round, String what, double seconds, long rows, long valid) {
        System.out.printf(
                Locale.ROOT,
                "round %d: %-45s %,d records read, %,d rows committed in %6.2f s: %,8.0f rec/s%n",
                round,
                what,
                args.records,
                rows,
                seconds,
                args.records / seconds);
        check(rows == valid, what + " committed " + rows + " rows, expected " + valid);
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            failed = true;
            System.out.println("MISMATCH: " + message);
        }
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

    /** Command-line arguments. */
    private record Args(
            int records,
            int malformedEvery,
            int rounds,
            int rate,
            int seconds,
            int delta,
            String plainCheckpoint) {

        static Args parse(String[] argv) {
            Map<String, String> given = new java.util.HashMap<>();
            for (int i = 0; i + 1 < argv.length; i += 2) {
                given.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
            }
            return new Args(
                    Integer.parseInt(given.getOrDefault("records", "100000")),
                    Integer.parseInt(given.getOrDefault("malformed-every", "25")),
                    Integer.parseInt(given.getOrDefault("rounds", "5")),
                    Integer.parseInt(given.getOrDefault("rate", "1000")),
                    Integer.parseInt(given.getOrDefault("seconds", "40")),
                    Integer.parseInt(given.getOrDefault("delta", "10000")),
                    given.getOrDefault("plain-checkpoint", "1 s"));
        }
    }
}
