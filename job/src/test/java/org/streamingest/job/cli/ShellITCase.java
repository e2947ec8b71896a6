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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamingest.job.cli.ShellTerminal.CTRL_C;
import static org.streamingest.job.cli.ShellTerminal.CTRL_D;
import static org.streamingest.job.cli.ShellTerminal.ENTER;
import static org.streamingest.job.cli.ShellTerminal.UP;

/**
 * {@code streaming-ingest shell} fed from an input stream: multi-line DDL, a bad statement whose
 * error is printed without ending the shell, a refresh and a SELECT whose rows are exactly the
 * valid records put. And on a terminal, as a person types: arrow-up recalls a statement (also from
 * the history of an earlier shell), Ctrl-C drops a line, Ctrl-D ends the shell.
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

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void onATerminalArrowUpRecallsStatementsAcrossShellsAndCtrlCDropsALine() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("tty_stream", 1);
        List<TestRecord> put = stream.putStrings("{\"n\":1}", "{\"n\":2}");
        List<String> rows =
                List.of(
                        "shard_id,sequence_number",
                        put.get(0).shardId() + "," + put.get(0).sequenceNumber(),
                        put.get(1).shardId() + "," + put.get(1).sequenceNumber());
        String select = "SELECT shard_id, sequence_number FROM v ORDER BY sequence_number;";
        Path history = dir.resolve("history");
        List<String> options =
                List.of(
                        "--format",
                        "csv",
                        "--warehouse",
                        dir.resolve("wh").toString(),
                        "--kinesis-endpoint",
                        KINESIS.endpoint().toString(),
                        "--region",
                        KINESIS.region().id());
        Map<String, String> environment = new HashMap<>(CliProcess.LOCAL_AWS);
        environment.put(TerminalInput.HISTORY_ENV, history.toString());
        environment.put("STREAMING_INGEST_CDS", "off");

        try (ShellTerminal shell = ShellTerminal.open(dir, options, environment)) {
            shell.type("CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;" + ENTER);
            // Enter before the ';' continues the statement on the next line
            shell.type(
                    "CREATE MATERIALIZED VIEW v AS"
                            + ENTER
                            + "  SELECT shard_id, sequence_number FROM kds.tty_stream"
                            + ENTER
                            + ";"
                            + ENTER);
            shell.type("REFRESH MATERIALIZED VIEW v;" + ENTER);
            assertThat(csvRows(shell.type(select + ENTER))).isEqualTo(rows);

            // Up recalls the SELECT, Enter runs it again
            String again = shell.type(UP + ENTER);
            assertThat(again).contains(select).doesNotContain("^[[A");
            assertThat(csvRows(again)).isEqualTo(rows);

            // Ctrl-C drops the line being typed: nothing runs, the shell goes on
            String dropped = shell.type("SELEKT nonsense" + CTRL_C);
            assertThat(dropped).doesNotContain("ERROR");
            // Up twice: the dropped line is not in the history; the SELECT, then the REFRESH
            String refreshed = shell.type(UP + UP + ENTER);
            assertThat(refreshed).contains("REFRESH MATERIALIZED VIEW v;").doesNotContain("ERROR");

            // Ctrl-D on an empty line ends the shell
            assertThat(shell.typeAndAwaitExit(CTRL_D)).as(shell.shown()).isZero();
        }
        // The three-line statement is one entry of the history file
        assertThat(Files.readString(history))
                .contains("CREATE MATERIALIZED VIEW v AS")
                .doesNotContain("SELEKT");

        // A new shell recalls the previous shell's statements
        put.addAll(stream.putStrings("{\"n\":3}"));
        try (ShellTerminal shell = ShellTerminal.open(dir, options, environment)) {
            shell.type(UP + ENTER); // the REFRESH, last of the previous shell
            String recalled = shell.type(UP + UP + ENTER);
            assertThat(recalled).contains(select);
            assertThat(csvRows(recalled))
                    .containsExactly(
                            rows.get(0),
                            rows.get(1),
                            rows.get(2),
                            put.get(2).shardId() + "," + put.get(2).sequenceNumber());
        }
    }

    /** The CSV lines of a SELECT's answer: its header and every row, in order. */
    private static List<String> csvRows(String answer) {
        List<String> lines = List.of(answer.split("\n"));
        int header = lines.indexOf("shard_id,sequence_number");
        assertThat(header).as("no CSV header in:\n%s", answer).isNotNegative();
        List<String> csv = new ArrayList<>();
        for (String line : lines.subList(header, lines.size())) {
            if (!line.matches("[^ ,]+,[0-9]+") && !line.equals(lines.get(header))) {
                break;
            }
            csv.add(line);
        }
        return csv;
    }
}
