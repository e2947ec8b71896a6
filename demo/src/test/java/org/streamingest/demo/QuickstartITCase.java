package org.streamingest.job.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's quickstart as a user would and checks what it prints. */
class QuickstartITCase {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void quickstartPrintsEveryRecordItPutWithRedshiftColumns() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit =
                StreamingIngestCli.run(
                        List.of("quickstart", "--records", "14"),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stderr:\n%s", err).isZero();
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
        // 14 records put: orders 6 and 13 are malformed JSON and filtered by CAN_JSON_PARSE.
        assertThat(rows).hasSize(12);
        for (int order = 0; order < 14; order++) {
            String marker = "\"order_id\":" + order + ",";
            assertThat(rows)
                    .as("order %s", order)
                    .filteredOn(r -> r.contains(marker))
                    .hasSize(order % 7 == 6 ? 0 : 1);
        }
        assertThat(lines).filteredOn(l -> l.matches("\\d+ rows?")).containsExactly("12 rows");
    }
}
