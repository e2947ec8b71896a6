package org.streamingest.job.cli;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code streaming-ingest shell} fed from an input stream: multi-line DDL, a bad statement whose
 * error is printed without ending the shell, a refresh and a SELECT whose rows are exactly the
 * valid records put.
 */
class ShellITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @TempDir Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void runsStatementsReportsErrorsAndContinues() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("shell_stream", 1);
        List<TestRecord> put = stream.putStrings("{\"n\":1}", "broken {", "{\"n\":2}");
        String input =
                String.join(
                        "\n",
                        "CREATE EXTERNAL SCHEMA kds",
                        "  FROM KINESIS IAM_ROLE default;",
                        "CREATE MATERIALIZED VIEW v AS",
                        "  SELECT partition_key, sequence_number,",
                        "         JSON_PARSE(kinesis_data) AS kinesis_data",
                        "  FROM kds.shell_stream",
                        "  WHERE CAN_JSON_PARSE(kinesis_data);",
                        "SELEKT nonsense;",
                        "REFRESH MATERIALIZED VIEW v; SELECT *",
                        "  FROM v;",
                        "\\q",
                        "SELECT * FROM v;",
                        "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                StreamingIngestCli.run(
                        List.of(
                                "shell",
                                "--format",
                                "json",
                                "--warehouse",
                                dir.resolve("wh").toString(),
                                "--kinesis-endpoint",
                                KINESIS.endpoint().toString(),
                                "--region",
                                KINESIS.region().id()),
                        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false);

        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("stderr: %s", errors).isZero();
        assertThat(errors)
                .contains(ShellCommand.PROMPT, ShellCommand.CONTINUATION)
                .contains("CREATE EXTERNAL SCHEMA", "CREATE MATERIALIZED VIEW")
                .contains("ERROR: ")
                .contains("SELEKT")
                .doesNotContain("\tat ");
        List<List<String>> rows = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode row = json.readTree(line);
            rows.add(
                    List.of(
                            row.get("partition_key").asText(),
                            row.get("sequence_number").asText(),
                            row.get("kinesis_data").asText()));
        }
        // one SELECT ran: the one after \q did not
        assertThat(rows)
                .containsExactly(
                        List.of(
                                put.get(0).partitionKey(),
                                put.get(0).sequenceNumber(),
                                "{\"n\":1}"),
                        List.of(
                                put.get(2).partitionKey(),
                                put.get(2).sequenceNumber(),
                                "{\"n\":2}"));
    }
}
