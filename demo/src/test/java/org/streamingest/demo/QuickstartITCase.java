package org.streamingest.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's quickstart as a user would, through the launcher ({@code bin/streaming-ingest
 * quickstart}, which adds this module to the job's classpath for that command only), and checks
 * what it prints.
 */
class QuickstartITCase {

    @TempDir Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void quickstartPrintsEveryRecordItPutWithRedshiftColumns() throws Exception {
        Path err = dir.resolve("err");

        int exit = launch(List.of("quickstart", "--records", "14"), dir.resolve("out"), err);

        String printed = Files.readString(dir.resolve("out"));
        assertThat(exit).as("exit code; stderr:\n%s", Files.readString(err)).isZero();
        assertPrintsTheSeedAndTheValidOrders(printed, 14);
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void runsTwiceInARowOnTheSameWarehouse() throws Exception {
        // Given the README's quickstart with a kept warehouse, run once
        Path warehouse = dir.resolve("demo-warehouse");
        List<String> args =
                List.of("quickstart", "--records", "9", "--warehouse", warehouse.toString());
        int first = launch(args, dir.resolve("out1"), dir.resolve("err1"));
        assertThat(first).as("stderr:\n%s", Files.readString(dir.resolve("err1"))).isZero();
        assertPrintsTheSeedAndTheValidOrders(Files.readString(dir.resolve("out1")), 9);

        // When it runs again on the same warehouse (its stream ended with the first server)
        int second = launch(args, dir.resolve("out2"), dir.resolve("err2"));

        // Then it says what it drops, and shows this run's records, exactly
        String printed = Files.readString(dir.resolve("out2"));
        assertThat(second).as("stderr:\n%s", Files.readString(dir.resolve("err2"))).isZero();
        assertThat(printed)
                .contains(warehouse + " holds the schema kds of an earlier quickstart")
                .contains(Quickstart.DROP_EARLIER);
        assertPrintsTheSeedAndTheValidOrders(printed, 9);
    }

    /**
     * The seed statements, and a table with one row per valid order of the {@code records} put
     * (orders 6, 13, ... are malformed JSON, filtered by CAN_JSON_PARSE), with Redshift's columns.
     */
    private static void assertPrintsTheSeedAndTheValidOrders(String printed, int records) {
        assertThat(printed)
                .contains("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;")
                .contains("CREATE MATERIALIZED VIEW my_view AUTO REFRESH YES AS")
                .contains("WHERE CAN_JSON_PARSE(kinesis_data);")
                .contains("REFRESH MATERIALIZED VIEW my_view;")
                .contains("SELECT * FROM my_view;");
        List<String> lines = Arrays.asList(printed.split("\n"));
        String header =
                lines.stream()
                        .filter(
                                l ->
                                        l.startsWith("|")
                                                && l.contains("approximate_arrival_timestamp"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no table header in\n" + printed));
        assertThat(header.split("\\|"))
                .extracting(String::strip)
                .containsSubsequence(
                        "approximate_arrival_timestamp",
                        "partition_key",
                        "shard_id",
                        "sequence_number",
                        "refresh_time",
                        "kinesis_data");
        List<String> rows =
                lines.stream()
                        .filter(l -> l.startsWith("| ") && l.contains("shardId-"))
                        .collect(Collectors.toList());
        int valid = records - records / 7;
        assertThat(rows).hasSize(valid);
        for (int order = 0; order < records; order++) {
            String marker = "\"order_id\":" + order + ",";
            assertThat(rows)
                    .as("order %s", order)
                    .filteredOn(r -> r.contains(marker))
                    .hasSize(order % 7 == 6 ? 0 : 1);
        }
        assertThat(lines).filteredOn(l -> l.matches("\\d+ rows?")).containsExactly(valid + " rows");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void badOptionsAreNamedWithExitCode2() throws Exception {
        Path err = dir.resolve("err");

        int exit = launch(List.of("quickstart", "--records", "-3"), dir.resolve("out"), err);

        assertThat(exit).isEqualTo(2);
        assertThat(Files.readString(err)).contains("--records needs a positive number, got '-3'");
    }

    /** Runs {@code bin/streaming-ingest ARGS} in its own JVM; returns the exit code. */
    private static int launch(List<String> args, Path out, Path err)
            throws IOException, InterruptedException {
        Path launcher =
                Path.of(System.getProperty("streaming-ingest.launcher", "../bin/streaming-ingest"));
        Path root = launcher.toAbsolutePath().getParent().getParent();
        assertThat(root.resolve("demo/target/streaming-ingest-demo.jar"))
                .as("the launcher runs the packaged demo: run this test through mvn verify")
                .isRegularFile();
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
        builder.environment().put("STREAMING_INGEST_JAVA_OPTS", "-Xmx1g");
        builder.environment()
                .put(
                        "PATH",
                        Path.of(System.getProperty("java.home"), "bin")
                                + ":"
                                + System.getenv("PATH"));
        Process process = builder.start();
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(
                    "streaming-ingest did not end in time; stderr:\n" + Files.readString(err));
        }
        return process.exitValue();
    }
}
