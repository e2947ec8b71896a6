package org.streamingest.connector.kinesis.bench;

import org.streamingest.kinesis.testing.KinesisClients;
import org.streamingest.kinesis.testing.KinesisFixture;
import org.streamingest.kinesis.testing.KinesisServerKind;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares {@link org.streamingest.connector.kinesis.source.KinesisSource} with the fastest plain
 * SDK read of the same data. Starts kinesalite, fills a stream with fixed-size records, then reads
 * it whole, alternately with raw GetRecords loops (one thread per shard) and through the source on
 * a MiniCluster, and prints the rates and their ratio (target >= 0.9). Both must read exactly the
 * records put; the process exits non-zero otherwise.
 *
 * <p>Arguments ({@code --name value}): {@code records} (200000), {@code record-bytes} (1024),
 * {@code shards} (4), {@code parallelism} (4), {@code rounds} (3), {@code warmups} (1, rounds run
 * first and left out of the summary: the first reads of a JVM mostly measure the JIT compiler
 * competing with the server for the cores), {@code writers} (4), and any source option as {@code
 * --scan.x value} or {@code --aws.x value}. See docs/benchmarks.md for the command.
 */
public final class KinesisSourceBenchmark {

    private KinesisSourceBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchmarkArgs a = BenchmarkArgs.parse(args);
        // The local servers accept any credentials; the source finds these fake ones through the
        // AWS default credential chain.
        System.setProperty("aws.accessKeyId", KinesisClients.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", KinesisClients.SECRET_KEY);
        print(
                "machine: %d cores, %s %s; load average at start %.2f",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("java.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        int exit;
        try (KinesisFixture kinesalite = KinesisFixture.start(KinesisServerKind.KINESALITE)) {
            exit = run(a, kinesalite);
        }
        System.exit(exit);
    }

    private static int run(BenchmarkArgs a, KinesisFixture kinesalite) throws Exception {
        TestStream stream = kinesalite.streams().create("bench", a.shards);
        long fillStart = System.nanoTime();
        long bytes =
                new StreamFiller(kinesalite.client(), stream.name(), a.recordBytes)
                        .fill(a.records, a.writers);
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        print(
                "filled %s: %,d records x %d B (%,.1f MB) in %.1f s = %,.0f rec/s with %d writers",
                stream.name(),
                a.records,
                a.recordBytes,
                bytes / 1e6,
                fillSeconds,
                a.records / fillSeconds,
                a.writers);

        List<ReadResult> raw = new ArrayList<>();
        List<ReadResult> source = new ArrayList<>();
        long serverPid = kinesalite.server().pid();
        try (MiniCluster cluster = startCluster(a.parallelism)) {
            RawGetRecordsReader rawReader =
                    new RawGetRecordsReader(kinesalite.client(), stream.name(), serverPid);
            SourceReadRun sourceRun =
                    new SourceReadRun(
                            cluster,
                            kinesalite.endpoint(),
                            stream.name(),
                            a.parallelism,
                            serverPid);
            for (int round = 1 - a.warmups; round <= a.rounds; round++) {
                // Alternate which goes first, so neither always gets the colder JVM.
                boolean rawFirst = round % 2 != 0;
                for (int i = 0; i < 2; i++) {
                    if ((i == 0) == rawFirst) {
                        report(
                                round,
                                rawReader.read(stream.openShardIds()),
                                round > 0 ? raw : null);
                    } else {
                        report(
                                round,
                                sourceRun.read(a.records, a.sourceOptions),
                                round > 0 ? source : null);
                    }
                }
            }
        }
        return summarize(a, raw, source);
    }

    private static MiniCluster startCluster(int slots) throws Exception {
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .setConfiguration(new Configuration())
                                .build());
        cluster.start();
        return cluster;
    }

    /** Prints a result and keeps it for the summary, unless it is a warm-up ({@code to} null). */
    private static void report(int round, ReadResult result, List<ReadResult> to) {
        print("%s %s", round > 0 ? "round " + round + ":" : "warm-up: ", result.describe());
        if (to != null) {
            to.add(result);
        }
    }

    private static int summarize(BenchmarkArgs a, List<ReadResult> raw, List<ReadResult> source) {
        ReadResult rawMedian = median(raw);
        ReadResult sourceMedian = median(source);
        double ratio = sourceMedian.recordsPerSecond() / rawMedian.recordsPerSecond();
        double endToEndRatio =
                sourceMedian.endToEndRecordsPerSecond() / rawMedian.endToEndRecordsPerSecond();
        print("median raw:    %s", rawMedian.describe());
        print("median source: %s", sourceMedian.describe());
        print(
                "ratio source/raw: %.2f from the start of reading (target >= 0.9); %.2f from"
                        + " submission (the source's includes job deployment)",
                ratio, endToEndRatio);
        boolean exact = true;
        for (ReadResult r : concat(raw, source)) {
            if (r.records() != a.records) {
                print(
                        "MISMATCH: %s read %,d records, %,d were put",
                        r.name(), r.records(), a.records);
                exact = false;
            }
        }
        print(
                exact ? "every run read exactly the %,d records put" : "record counts differ",
                a.records);
        return exact ? 0 : 1;
    }

    private static ReadResult median(List<ReadResult> results) {
        List<ReadResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(ReadResult::recordsPerSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static List<ReadResult> concat(List<ReadResult> a, List<ReadResult> b) {
        List<ReadResult> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** Parsed command line. */
    private static final class BenchmarkArgs {
        int records = 200_000;
        int recordBytes = 1024;
        int shards = 4;
        int parallelism = 4;
        int rounds = 3;
        int writers = 4;
        int warmups = 1;
        final Configuration sourceOptions = new Configuration();

        static BenchmarkArgs parse(String[] args) {
            BenchmarkArgs a = new BenchmarkArgs();
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException(
                        "Arguments come in pairs: --records 200000 --parallelism 4 ...");
            }
            for (int i = 0; i < args.length; i += 2) {
                String name = args[i].replaceFirst("^--", "");
                String value = args[i + 1];
                switch (name) {
                    case "records" -> a.records = Integer.parseInt(value);
                    case "record-bytes" -> a.recordBytes = Integer.parseInt(value);
                    case "shards" -> a.shards = Integer.parseInt(value);
                    case "parallelism" -> a.parallelism = Integer.parseInt(value);
                    case "rounds" -> a.rounds = Integer.parseInt(value);
                    case "writers" -> a.writers = Integer.parseInt(value);
                    case "warmups" -> a.warmups = Integer.parseInt(value);
                    default -> {
                        if (!name.startsWith("scan.") && !name.startsWith("aws.")) {
                            throw new IllegalArgumentException(
                                    "Unknown argument --" + name + "; see the class comment.");
                        }
                        a.sourceOptions.addAll(Configuration.fromMap(Map.of(name, value)));
                    }
                }
            }
            return a;
        }
    }
}
