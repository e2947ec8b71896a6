package org.streamingest.job.cli;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code streaming-ingest serve} keeps an AUTO REFRESH YES pipeline running and reports it; the
 * programmatic stop (what SIGINT/SIGTERM trigger) suspends it with a savepoint and returns 0, and a
 * following {@code run} on the same warehouse resumes it without losing or repeating records.
 */
class ServeITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final String SEED =
            "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;\n"
                    + "CREATE MATERIALIZED VIEW my_view AUTO REFRESH YES AS\n"
                    + "  SELECT partition_key, sequence_number,\n"
                    + "         JSON_PARSE(kinesis_data) AS kinesis_data\n"
                    + "  FROM kds.serve_stream WHERE CAN_JSON_PARSE(kinesis_data);\n";

    @TempDir Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void stopSuspendsWithASavepointAndRunResumesExactly() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("serve_stream", 2);
        List<TestRecord> put = new ArrayList<>(stream.putStrings("{\"n\":1}", "bad", "{\"n\":2}"));
        Path script = Files.writeString(dir.resolve("seed.sql"), SEED);

        ServeCommand serve = new ServeCommand(Duration.ofMillis(300));
        ByteArrayOutputStream serveErr = new ByteArrayOutputStream();
        PrintStream serveErrStream = new PrintStream(serveErr, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> exit =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return serve.run(
                                        options(script.toString()),
                                        new PrintStream(
                                                new ByteArrayOutputStream(),
                                                true,
                                                StandardCharsets.UTF_8),
                                        serveErrStream);
                            } catch (Exception e) {
                                e.printStackTrace(serveErrStream);
                                return -1;
                            }
                        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!serveErr.toString(StandardCharsets.UTF_8)
                .contains("1 materialized views, 1 pipelines running [")) {
            assertThat(System.nanoTime())
                    .as("serve status; stderr: %s", serveErr)
                    .isLessThan(deadline);
            assertThat(exit).as("serve ended early; stderr: %s", serveErr).isNotDone();
            Thread.sleep(100);
        }
        put.addAll(stream.putStrings("{\"n\":3}", "{\"n\":"));

        serve.stop();
        assertThat(serve.awaitStopped(Duration.ofSeconds(90))).isTrue();
        assertThat(exit.get()).as("stderr: %s", serveErr).isZero();
        assertThat(serveErr.toString(StandardCharsets.UTF_8))
                .contains("CREATE MATERIALIZED VIEW")
                .contains("suspending the pipeline of")
                .contains("with a savepoint");

        put.addAll(stream.putStrings("{\"n\":4}"));
        Path query =
                Files.writeString(
                        dir.resolve("query.sql"),
                        "REFRESH MATERIALIZED VIEW my_view;\nSELECT * FROM my_view;\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(options(query.toString()));
        int runExit =
                StreamingIngestCli.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(runExit).as("stderr: %s", err).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("resuming the pipeline of");
        assertThat(rows(out.toString(StandardCharsets.UTF_8)))
                .containsExactlyInAnyOrderElementsOf(expected(put));
    }

    private List<String> options(String file) {
        return List.of(
                "--format",
                "json",
                "--warehouse",
                dir.resolve("wh").toString(),
                "--kinesis-endpoint",
                KINESIS.endpoint().toString(),
                "--region",
                KINESIS.region().id(),
                file);
    }

    private static final List<String> COLUMNS =
            List.of("partition_key", "sequence_number", "kinesis_data");

    private static List<List<String>> rows(String out) throws Exception {
        return SeedRows.read(out, COLUMNS);
    }

    private static List<List<String>> expected(List<TestRecord> put) {
        return SeedRows.expected(put, Pattern.compile("\\{\"n\":\\d+}"), COLUMNS);
    }
}
