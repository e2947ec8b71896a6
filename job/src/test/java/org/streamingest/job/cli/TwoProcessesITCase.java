package org.streamingest.job.cli;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real CLI processes on one warehouse. The first serves an AUTO REFRESH YES view and so holds
 * its lease; a second one can query the view but neither refresh it nor run its pipeline a second
 * time, and says who holds it. Then the holder is killed with kill -9 (no savepoint, no lease given
 * up): once its lease expires the next process takes the view over from its newest retained
 * checkpoint, and the view holds every valid record exactly once.
 */
class TwoProcessesITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    private static final String SERVE =
            SeedRows.SEED_AUTO.substring(0, SeedRows.SEED_AUTO.indexOf("REFRESH MATERIALIZED"));
    private static final String SELECT = "SELECT * FROM my_view;\n";
    private static final List<String> COLUMNS =
            List.of("partition_key", "shard_id", "sequence_number", "kinesis_data");
    private static final Pattern VALID = Pattern.compile("\\{\"order_id\":\\d+}");

    @TempDir Path dir;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aSecondProcessCannotDoubleRunAViewAndTakesOverWhenTheHolderIsKilled() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("my_stream_name", 2);
        List<TestRecord> put =
                new ArrayList<>(
                        stream.putStrings("{\"order_id\":1}", "{broken", "{\"order_id\":2}"));

        try (CliProcess holder =
                CliProcess.start(
                        dir, "serve", "serve.sql", SERVE, options(), CliProcess.LOCAL_AWS)) {
            holder.awaitStderr("1 pipelines running [public.my_view]", Duration.ofMinutes(2));

            // A second process may query, but neither refresh nor resume the held view.
            CliProcess refresh =
                    CliProcess.start(
                            dir,
                            "run",
                            "refresh.sql",
                            SeedRows.AGAIN,
                            options(),
                            CliProcess.LOCAL_AWS);
            assertThat(refresh.waitFor(Duration.ofMinutes(2))).isEqualTo(1);
            assertThat(refresh.err())
                    .contains("Cannot refresh public.my_view: materialized view public.my_view")
                    .contains("is held by another process, host ")
                    .contains("(pid " + holder.pid() + ") since ");
            CliProcess query =
                    CliProcess.start(
                            dir, "run", "select.sql", SELECT, options(), CliProcess.LOCAL_AWS);
            assertThat(query.waitFor(Duration.ofMinutes(2))).as(query.err()).isZero();
            // (a SELECT-only script does not even try to resume the held view's pipeline)
            assertThat(query.err())
                    .doesNotContain("resuming the pipeline of")
                    .doesNotContain("runs in another process");

            put.addAll(stream.putStrings("{\"order_id\":3}"));
            holder.kill();
        }
        put.addAll(stream.putStrings("{\"order_id\":4}", "{\"order_id\":"));

        // The killed holder's lease expires after lease.timeout; until then the view is held.
        String rows = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        for (int attempt = 1; rows == null; attempt++) {
            CliProcess again =
                    CliProcess.start(
                            dir,
                            "run",
                            "again-" + attempt + ".sql",
                            SeedRows.AGAIN,
                            options(),
                            CliProcess.LOCAL_AWS);
            int exit = again.waitFor(Duration.ofMinutes(2));
            if (exit == 0) {
                assertThat(again.err()).contains("resuming the pipeline of public.my_view");
                rows = again.out();
            } else {
                assertThat(again.err()).contains("is held by another process");
                assertThat(System.nanoTime()).as(again.err()).isLessThan(deadline);
            }
        }
        assertThat(SeedRows.read(rows, COLUMNS))
                .containsExactlyInAnyOrderElementsOf(SeedRows.expected(put, VALID, COLUMNS));
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
                KINESIS.region().id(),
                "--catalog",
                "lease.timeout=5 s");
    }
}
