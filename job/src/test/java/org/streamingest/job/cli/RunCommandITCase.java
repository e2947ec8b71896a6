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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code streaming-ingest run} on the seed statements, verbatim, in both variants (AUTO
 * REFRESH YES and the default manual refresh), against kinesis-mock: SELECT prints exactly the
 * valid records put, and a later invocation on the same warehouse adds exactly the new ones.
 */
class RunCommandITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final String AGAIN = SeedRows.AGAIN;

    @TempDir Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void seedVariantsReturnExactlyTheValidRecordsAcrossInvocations() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("my_stream_name", 2);
        List<TestRecord> put =
                new ArrayList<>(
                        stream.putStrings(
                                "{\"order_id\":1}",
                                "{\"order_id\":2}",
                                "{\"order_id\": 3,",
                                "{\"order_id\":4}"));

        for (String variant : List.of(SeedRows.SEED_AUTO, SeedRows.SEED_MANUAL)) {
            Path warehouse = Files.createTempDirectory(dir, "wh");
            Result first = run(warehouse, variant);
            assertThat(first.exit).as("stderr: %s", first.err).isZero();
            assertThat(first.rows()).containsExactlyInAnyOrderElementsOf(expected(put));
            assertThat(first.err).contains("CREATE MATERIALIZED VIEW", "rows added");

            put.addAll(stream.putStrings("{\"order_id\":" + put.size() + "}", "not json"));
            Result second = run(warehouse, AGAIN);
            assertThat(second.exit).as("stderr: %s", second.err).isZero();
            assertThat(second.rows()).containsExactlyInAnyOrderElementsOf(expected(put));
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aSelectOnlyScriptDoesNotWaitForAutoRefreshPipelinesToResume() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("select_only", 1);
        List<TestRecord> put = stream.putStrings("{\"order_id\":1}", "{\"order_id\":2}");
        Path warehouse = Files.createTempDirectory(dir, "wh");
        Result seed =
                run(warehouse, SeedRows.SEED_AUTO.replace("kds.my_stream_name", "kds.select_only"));
        assertThat(seed.exit).as("stderr: %s", seed.err).isZero();

        // A script of SELECTs on views reads their committed snapshots: no pipeline resumes
        Result select = run(warehouse, "SELECT * FROM my_view;\n");
        assertThat(select.exit).as("stderr: %s", select.err).isZero();
        assertThat(select.rows()).containsExactlyInAnyOrderElementsOf(expected(put));
        assertThat(select.err).doesNotContain("resuming the pipeline of", "suspending");

        // A SELECT of stv_mv_info shows the pipelines' states: they resume first
        Result info = run(warehouse, "SELECT name, pipeline FROM stv_mv_info;\n");
        assertThat(info.exit).as("stderr: %s", info.err).isZero();
        assertThat(info.err).contains("resuming the pipeline of public.my_view");
        assertThat(info.out).contains("\"pipeline\":\"running\"");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anUnknownStreamIsAnErrorMessageNotAStackTrace() throws Exception {
        Result result =
                run(
                        dir,
                        "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;\n"
                                + "CREATE MATERIALIZED VIEW v AS SELECT * FROM kds.no_such_stream;\n");
        assertThat(result.exit).isEqualTo(1);
        assertThat(result.err).contains("no_such_stream").doesNotContain("\tat ");
        assertThat(result.out).isEmpty();
    }

    private Result run(Path warehouse, String script) throws Exception {
        Path file = Files.writeString(warehouse.resolve("script.sql"), script);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                StreamingIngestCli.run(
                        List.of(
                                "run",
                                "--format",
                                "json",
                                "--warehouse",
                                warehouse.resolve("wh").toString(),
                                "--kinesis-endpoint",
                                KINESIS.endpoint().toString(),
                                "--region",
                                KINESIS.region().id(),
                                file.toString()),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out, String err) {
        List<List<String>> rows() throws Exception {
            return SeedRows.read(out, COLUMNS);
        }
    }

    private static final List<String> COLUMNS =
            List.of("partition_key", "shard_id", "sequence_number", "kinesis_data");

    private static List<List<String>> expected(List<TestRecord> put) {
        return SeedRows.expected(put, Pattern.compile("\\{\"order_id\":\\d+}"), COLUMNS);
    }
}
