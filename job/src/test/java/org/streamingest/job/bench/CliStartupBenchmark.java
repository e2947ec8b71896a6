package org.streamingest.job.bench;

import org.streamingest.kinesis.testing.KinesisClients;
import org.streamingest.kinesis.testing.KinesisFixture;
import org.streamingest.kinesis.testing.KinesisServerKind;
import org.streamingest.kinesis.testing.TestStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Time to first answer of the CLI as a user sees it (a main, not a test): every sample is a fresh
 * {@code bin/streaming-ingest run} process (a new JVM, as a user starts it), timed from its start
 * to the first byte on stdout (the first answer: a query's header) and to its exit.
 *
 * <ol>
 *   <li><b>select1</b>: {@code SELECT 1;} on a fresh warehouse (a new directory every sample);
 *   <li><b>view</b>: {@code SELECT * FROM my_view LIMIT 100;} on a warehouse that holds {@code
 *       my_view}, an AUTO REFRESH YES view of {@code --records} rows on a kinesalite stream, made
 *       once beforehand with the same launcher (CREATE EXTERNAL SCHEMA, CREATE MATERIALIZED VIEW,
 *       REFRESH); the stream stays reachable, so a session that resumes the view's pipeline does so
 *       for real;
 *   <li><b>syntax</b>: a script with a syntax error (exit 1, no first answer: timed to the exit).
 * </ol>
 *
 * <p>Arguments: {@code [--runs 5] [--records 300] [--launcher bin/streaming-ingest] [--cases
 * select1,view,syntax]}. One warm-up sample of each case (the page cache, the launcher's first-run
 * work) is printed but left out of the medians. Exits non-zero if a sample's output or exit code is
 * not the expected one.
 */
public final class CliStartupBenchmark {

    private final Args args;
    private final Path dir;
    private boolean failed;

    private CliStartupBenchmark(Args args, Path dir) {
        this.args = args;
        this.dir = dir;
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        System.setProperty("aws.accessKeyId", KinesisClients.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", KinesisClients.SECRET_KEY);
        Path dir = Files.createTempDirectory("clibench");
        boolean ok;
        try {
            ok = new CliStartupBenchmark(args, dir).runAll();
        } finally {
            deleteTree(dir);
        }
        System.exit(ok ? 0 : 1);
    }

    private boolean runAll() throws Exception {
        System.out.println(machine());
        System.out.println("launcher: " + args.launcher.toAbsolutePath());
        try (KinesisFixture kinesis = KinesisFixture.start(KinesisServerKind.KINESALITE)) {
            List<String> common =
                    List.of(
                            "--kinesis-endpoint",
                            kinesis.endpoint().toString(),
                            "--region",
                            kinesis.region().id(),
                            "--conf",
                            "aws.cbor.enabled=false");
            if (args.cases.contains("select1")) {
                Path script = write("select1.sql", "SELECT 1;\n");
                measure(
                        "select1: SELECT 1; on a fresh warehouse",
                        sample ->
                                command(
                                        common,
                                        dir.resolve("fresh-" + sample).toString(),
                                        script.toString()),
                        r -> r.exit == 0 && r.stdout.contains("1 row"),
                        true);
            }
            if (args.cases.contains("view")) {
                Path warehouse = viewWarehouse(kinesis, common);
                Path script = write("view.sql", "SELECT * FROM my_view LIMIT 100;\n");
                measure(
                        "view: SELECT * FROM my_view LIMIT 100; (AUTO REFRESH YES view, "
                                + args.records
                                + " rows)",
                        sample -> command(common, warehouse.toString(), script.toString()),
                        r -> r.exit == 0 && r.stdout.contains("100 rows"),
                        true);
            }
            if (args.cases.contains("syntax")) {
                Path script = write("syntax.sql", "SELEC 1;\n");
                measure(
                        "syntax: a script with a syntax error (to the exit)",
                        sample ->
                                command(
                                        common,
                                        dir.resolve("syntax-" + sample).toString(),
                                        script.toString()),
                        r -> r.exit == 1 && r.stdout.isEmpty(),
                        false);
            }
        }
        System.out.println("machine at end: " + machine());
        return !failed;
    }

    /** A warehouse holding my_view (AUTO REFRESH YES) with {@code --records} rows. */
    private Path viewWarehouse(KinesisFixture kinesis, List<String> common) throws Exception {
        TestStream stream = kinesis.streams().createNamed("clibench", 2);
        BenchPayloads.fill(stream, 0, args.records, 0, 2);
        Path warehouse = dir.resolve("views");
        Path setup =
                write(
                        "setup.sql",
                        "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;\n"
                                + "CREATE MATERIALIZED VIEW my_view AUTO REFRESH YES AS\n"
                                + "  SELECT approximate_arrival_timestamp, partition_key, shard_id,"
                                + " sequence_number, refresh_time,\n"
                                + "         JSON_PARSE(kinesis_data) AS kinesis_data\n"
                                + "  FROM kds.clibench WHERE CAN_JSON_PARSE(kinesis_data);\n"
                                + "REFRESH MATERIALIZED VIEW my_view;\n"
                                + "SELECT COUNT(*) AS n FROM my_view;\n");
        Result made = exec(command(common, warehouse.toString(), setup.toString()));
        if (made.exit != 0 || !made.stdout.contains(String.valueOf(args.records))) {
            throw new IllegalStateException(
                    "Cannot make the view's warehouse (exit "
                            + made.exit
                            + "):\n"
                            + made.stdout
                            + made.stderr);
        }
        System.out.printf(
                Locale.ROOT,
                "made the view's warehouse: my_view with %d rows in %.1f s%n",
                args.records,
                made.exitSeconds);
        return warehouse;
    }

    private List<String> command(List<String> common, String warehouse, String script) {
        List<String> command = new ArrayList<>();
        command.add(args.launcher.toAbsolutePath().toString());
        command.add("run");
        command.addAll(common);
        command.add("--warehouse");
        command.add(warehouse);
        command.add(script);
        return command;
    }

    private interface Sample {
        List<String> command(int sample) throws Exception;
    }

    private void measure(String name, Sample sample, Predicate<Result> expected, boolean hasAnswer)
            throws Exception {
        System.out.println(name);
        List<Double> first = new ArrayList<>();
        List<Double> exit = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i <= args.runs; i++) {
            Result r = exec(sample.command(i));
            boolean ok = expected.test(r);
            System.out.printf(
                    Locale.ROOT,
                    "  %s: first answer %s, exit %.2f s (code %d), CPU %.1f s%s%n",
                    i == 0 ? "warm-up " : "sample " + i,
                    r.firstSeconds < 0 ? "-" : String.format(Locale.ROOT, "%.2f s", r.firstSeconds),
                    r.exitSeconds,
                    r.exit,
                    r.cpuSeconds,
                    ok ? "" : " UNEXPECTED:\n" + r.stdout + r.stderr);
            if (!ok) {
                failed = true;
            }
            if (i > 0) {
                first.add(r.firstSeconds);
                exit.add(r.exitSeconds);
                cpu.add(r.cpuSeconds);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  median of %d: %sexit %.2f s (min %.2f, max %.2f), CPU %.1f s; load average now"
                        + " %.1f%n",
                args.runs,
                hasAnswer
                        ? String.format(
                                Locale.ROOT,
                                "first answer %.2f s (min %.2f, max %.2f), ",
                                median(first),
                                min(first),
                                max(first))
                        : "",
                median(exit),
                min(exit),
                max(exit),
                median(cpu),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Runs {@code command}; times its first stdout byte and its exit. */
    private Result exec(List<String> launcher) throws Exception {
        // GNU time, when there, writes the process tree's CPU seconds (user + system) to a file:
        // less sensitive than wall time to other work on a shared machine.
        Path cpuFile = dir.resolve("cpu-" + System.nanoTime() + ".txt");
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(TIME)) {
            command.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", cpuFile.toString()));
        }
        command.addAll(launcher);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", KinesisClients.ACCESS_KEY_ID);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", KinesisClients.SECRET_KEY);
        builder.directory(dir.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader =
                new Thread(
                        () -> {
                            try (InputStream in = process.getErrorStream()) {
                                in.transferTo(err);
                            } catch (IOException e) {
                                // the process ended
                            }
                        });
        errReader.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long first = -1;
        try (InputStream in = process.getInputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0 && first < 0) {
                    first = System.nanoTime();
                }
                out.write(buffer, 0, n);
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        long end = System.nanoTime();
        errReader.join();
        double cpu = Double.NaN;
        if (Files.exists(cpuFile)) {
            String[] times = Files.readString(cpuFile).strip().split("\\s+");
            cpu =
                    Double.parseDouble(times[times.length - 2])
                            + Double.parseDouble(times[times.length - 1]);
        }
        return new Result(
                process.exitValue(),
                first < 0 ? -1 : (first - start) / 1e9,
                (end - start) / 1e9,
                cpu,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    private record Result(
            int exit,
            double firstSeconds,
            double exitSeconds,
            double cpuSeconds,
            String stdout,
            String stderr) {}

    private static final Path TIME = Path.of("/usr/bin/time");

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return (sorted.get((sorted.size() - 1) / 2) + sorted.get(sorted.size() / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().min(Double::compare).orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().max(Double::compare).orElse(Double.NaN);
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

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private record Args(int runs, int records, Path launcher, List<String> cases) {

        static Args parse(String[] argv) {
            int runs = 5;
            int records = 300;
            Path launcher = Path.of("bin/streaming-ingest");
            List<String> cases = List.of("select1", "view", "syntax");
            for (int i = 0; i < argv.length; i += 2) {
                String value = argv[i + 1];
                switch (argv[i]) {
                    case "--runs" -> runs = Integer.parseInt(value);
                    case "--records" -> records = Integer.parseInt(value);
                    case "--launcher" -> launcher = Path.of(value);
                    case "--cases" -> cases = List.of(value.split(","));
                    default -> throw new IllegalArgumentException("unknown argument " + argv[i]);
                }
            }
            return new Args(runs, records, launcher, cases);
        }
    }
}
