package org.streamingest.job.cli;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/streaming-ingest} as a user runs it, a process of its own: stderr holds the CLI's
 * acknowledgements, progress and errors, line for line, and not one log line (no Iceberg's
 * Dropwizard WARN at a pipeline's start, no Flink's FlinkJobNotFoundException after a SELECT, no
 * INFO of the connector, no Hadoop WARN). {@code --verbose} adds the logs.
 */
class QuietStderrITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    /** Timings vary from run to run: "5.03 s" is read as "T s". */
    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)? s\\b");

    /** A refresh's progress, every 2 s while it reads: how many lines depends on the machine. */
    private static final Pattern PROGRESS =
            Pattern.compile(
                    "refresh public\\.my_view: \\d+ records read"
                            + "(; shardId-\\d+ lag (\\d+ ms|unknown))*");

    /** What the launcher says once after a build, before the CLI starts. */
    private static final String LAUNCHER_ARCHIVE =
            "streaming-ingest: preparing a class-data archive for faster starts (once per build)...";

    private static final String SEED =
            SeedRows.SEED_MANUAL.replace("kds.my_stream_name", "kds.quiet_stderr");

    @TempDir java.nio.file.Path dir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void stderrHoldsOnlyTheCliOwnLinesAndVerboseAddsTheLogs() throws Exception {
        // A stream of its own: the Kinesis server is shared by the test classes of this JVM
        TestStream stream = KINESIS.streams().createNamed("quiet_stderr", 2);
        stream.putStrings("{\"order_id\":1}", "{\"order_id\":2}", "not json");

        try (CliProcess seed =
                CliProcess.start(dir, "run", "seed.sql", SEED, options(), CliProcess.LOCAL_AWS)) {
            assertThat(seed.waitFor(Duration.ofMinutes(10))).as(seed.err()).isZero();
            assertThat(SeedRows.read(seed.out(), List.of("kinesis_data")))
                    .containsExactlyInAnyOrder(
                            List.of("{\"order_id\":1}"), List.of("{\"order_id\":2}"));
            assertThat(cliLines(seed.err()))
                    .as(seed.err())
                    .containsExactly(
                            "CREATE EXTERNAL SCHEMA",
                            "CREATE MATERIALIZED VIEW",
                            "refresh public.my_view: 2 rows added in T s (submit T s, read to the"
                                    + " tip T s, savepoint and commit T s)",
                            "REFRESH MATERIALIZED VIEW public.my_view: 2 rows added");
        }

        // --verbose: the same statements' lines, and the logs of the pipeline's source beside them
        stream.putStrings("{\"order_id\":3}");
        List<String> verbose = new ArrayList<>(List.of("--verbose"));
        verbose.addAll(options());
        try (CliProcess again =
                CliProcess.start(
                        dir,
                        "run",
                        "again.sql",
                        "REFRESH MATERIALIZED VIEW my_view;\n",
                        verbose,
                        CliProcess.LOCAL_AWS)) {
            assertThat(again.waitFor(Duration.ofMinutes(8))).as(again.err()).isZero();
            assertThat(again.err())
                    .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d INFO  KinesisSourceEnumerator - ")
                    .contains("REFRESH MATERIALIZED VIEW public.my_view: 1 rows added")
                    .doesNotContain("Dropwizard", "FlinkJobNotFoundException");
        }
    }

    /**
     * The lines of {@code stderr} with timings read as "T s", without the refresh's progress lines
     * (each checked to be one) and the launcher's one line after a build.
     */
    private static List<String> cliLines(String stderr) {
        List<String> lines = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.equals(LAUNCHER_ARCHIVE) || PROGRESS.matcher(line).matches()) {
                continue;
            }
            lines.add(SECONDS.matcher(line).replaceAll("T s"));
        }
        return lines;
    }

    private List<String> options() {
        return List.of(
                "--format",
                "json",
                "--warehouse",
                dir.resolve("wh").toString(),
                "--kinesis-endpoint",
                KINESIS.endpoint().toString(),
                "--region",
                KINESIS.region().id());
    }
}
