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
        List<String> lines = Arrays.asList(printed.split("\n"));
        assertThat(lines.get(1))
                .contains(
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
        assertThat(rows).hasSize(14);
        // Orders 0..13 each appear once; orders 6 and 13 are the malformed ones.
        for (int order = 0; order < 14; order++) {
            String marker =
                    order % 7 == 6
                            ? "{\"order_id\": " + order + ","
                            : "{\"order_id\":" + order + ",";
            assertThat(rows).as("order %s", order).filteredOn(r -> r.contains(marker)).hasSize(1);
        }
        assertThat(lines).contains("14 rows");
    }
}
