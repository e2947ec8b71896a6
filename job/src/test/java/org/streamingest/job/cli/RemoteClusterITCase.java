package org.streamingest.job.cli;

import org.streamingest.job.cluster.FlinkClusterExtension;
import org.streamingest.job.cluster.FlinkRest;
import org.streamingest.kinesis.testing.FreePorts;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.warehouse.catalog.WarehouseLocation;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/streaming-ingest run --flink HOST:PORT} against a real standalone Flink session
 * cluster (JobManager and TaskManager in their own JVMs, only a Flink distribution's jars on their
 * classpath) and kinesis-mock: the product's seed script returns exactly the valid records, a
 * second invocation adds exactly the new ones, and the view's jobs ran on that cluster; an AUTO
 * REFRESH YES view's pipeline keeps running there after the CLI exits, and the next invocation
 * takes it over with nothing lost or read twice. The CLI runs through the launcher, so the jars it
 * ships are those a user's launcher would ship.
 */
class RemoteClusterITCase {

    private static final String STREAM = "my_stream_name";
    private static final Map<String, String> AWS_ENVIRONMENT = CliProcess.LOCAL_AWS;

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @RegisterExtension
    static final FlinkClusterExtension FLINK = new FlinkClusterExtension(AWS_ENVIRONMENT);

    private static final String SEED = SeedRows.SEED_MANUAL;
    private static final String AGAIN = SeedRows.AGAIN;

    @TempDir Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void seedScriptRunsOnTheSessionClusterAndASecondRunAddsExactlyTheNewRecords() throws Exception {
        TestStream stream = freshStream();
        Set<String> before = jobIds();
        try {
            // Given a stream with three valid records and a malformed one
            List<TestRecord> first =
                    stream.putStrings(
                            "{\"order_id\":1}",
                            "{\"order_id\":2}",
                            "{\"order_id\": 3,",
                            "{\"order_id\":4}");

            // When the seed script runs on the remote cluster
            Launcher.Result seeded = Launcher.run(dir, "seed.sql", SEED, cli(), AWS_ENVIRONMENT);

            // Then SELECT returns exactly the valid records, read on that cluster
            assertThat(seeded.exit()).as("stderr: %s", seeded.err()).isZero();
            assertThat(seeded.err())
                    .contains("Flink 2.1.0 session cluster at " + FLINK.restAddress())
                    .contains("every job ships 1 jar (")
                    .contains("MiB): streaming-ingest-runtime.jar")
                    .contains("REFRESH MATERIALIZED VIEW public.my_view: 3 rows added");
            assertThat(rows(seeded.out())).containsExactlyInAnyOrderElementsOf(valid(first));

            // When more records arrive and a second invocation refreshes again
            List<TestRecord> second =
                    stream.putStrings("{\"order_id\":5}", "not json", "{\"order_id\":6}");
            Launcher.Result again = Launcher.run(dir, "again.sql", AGAIN, cli(), AWS_ENVIRONMENT);

            // Then exactly the new valid records were added: none lost, none twice
            assertThat(again.exit()).as("stderr: %s", again.err()).isZero();
            assertThat(again.err())
                    .contains("REFRESH MATERIALIZED VIEW public.my_view: 2 rows added");
            List<List<String>> all = new ArrayList<>(valid(first));
            all.addAll(valid(second));
            assertThat(rows(again.out())).containsExactlyInAnyOrderElementsOf(all);

            // And each refresh and each query was a job of the remote cluster
            assertThat(FLINK.jobs())
                    .filteredOn(job -> !before.contains(job.id()))
                    .filteredOn(job -> job.name().equals("mv public.my_view"))
                    .hasSize(2)
                    .allSatisfy(job -> assertThat(job.state()).isEqualTo("FINISHED"));
            assertThat(FLINK.jobs())
                    .filteredOn(job -> !before.contains(job.id()))
                    .filteredOn(job -> job.name().startsWith("SELECT"))
                    .hasSize(2)
                    .allSatisfy(job -> assertThat(job.state()).isEqualTo("FINISHED"));
        } finally {
            stream.delete();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void anAutoRefreshPipelineRunsOnTheSessionClusterAfterTheCliExitsAndTheNextRunTakesItOver()
            throws Exception {
        TestStream stream = freshStream();
        Set<String> before = jobIds();
        try {
            // Given an AUTO REFRESH YES view the CLI made and refreshed on the session cluster
            List<TestRecord> put =
                    new ArrayList<>(
                            stream.putStrings("{\"order_id\":1}", "not json", "{\"order_id\":2}"));
            Launcher.Result made =
                    Launcher.run(dir, "seed.sql", SeedRows.SEED_AUTO, cli(), AWS_ENVIRONMENT);
            assertThat(made.exit()).as("stderr: %s", made.err()).isZero();
            assertThat(rows(made.out())).containsExactlyInAnyOrderElementsOf(valid(put));

            // Then its pipeline keeps running there after the CLI exited
            assertThat(made.err())
                    .contains(
                            "leaving the pipeline of public.my_view running on the session"
                                    + " cluster (job ");
            FlinkRest.Job left = onlyUnfinishedJob(before);
            assertThat(left.name()).isEqualTo("mv public.my_view");

            // And commits the records put while no CLI runs
            put.addAll(stream.putStrings("{\"order_id\":3}", "{\"order_id\":4"));
            awaitCommittedRows("my_view", valid(put).size());

            // When the next invocation reads the view
            Launcher.Result read =
                    Launcher.run(
                            dir, "read.sql", "SELECT * FROM my_view;\n", cli(), AWS_ENVIRONMENT);

            // Then it took the pipeline over from a savepoint of that job: every valid record,
            // once; and left its own pipeline running when it exited
            assertThat(read.exit()).as("stderr: %s", read.err()).isZero();
            assertThat(rows(read.out())).containsExactlyInAnyOrderElementsOf(valid(put));
            assertThat(read.err())
                    .contains("resuming the pipeline of public.my_view")
                    .contains("leaving the pipeline of public.my_view running");
            assertThat(FLINK.jobs())
                    .filteredOn(job -> job.id().equals(left.id()))
                    .singleElement()
                    .extracting(FlinkRest.Job::state)
                    .isEqualTo("FINISHED");
            FlinkRest.Job taken = onlyUnfinishedJob(before);
            assertThat(taken.name()).isEqualTo("mv public.my_view");
            assertThat(taken.id()).isNotEqualTo(left.id());

            // When an invocation turns AUTO REFRESH off, no pipeline of the view runs any more
            Launcher.Result off =
                    Launcher.run(
                            dir,
                            "off.sql",
                            "ALTER MATERIALIZED VIEW my_view AUTO REFRESH NO;\n",
                            cli(),
                            AWS_ENVIRONMENT);
            assertThat(off.exit()).as("stderr: %s", off.err()).isZero();
            assertThat(off.err()).doesNotContain("leaving the pipeline");
            assertThat(unfinishedJobs(before)).isEmpty();
        } finally {
            stream.delete();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aClosedPortFailsWithAMessageNamingTheAddressAndTheRemedy() throws Exception {
        String closed = "127.0.0.1:" + FreePorts.pick(1)[0];

        Launcher.Result result =
                Launcher.run(
                        dir,
                        "seed.sql",
                        SEED,
                        List.of("--flink", closed, "--warehouse", dir.resolve("wh").toString()),
                        AWS_ENVIRONMENT);

        assertThat(result.exit()).isNotZero();
        assertThat(result.err())
                .contains("Cannot reach a Flink cluster at http://" + closed)
                .contains("--flink " + closed)
                .contains("Start the session cluster", "rest.port", "--flink local")
                .doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }

    /** Options of both invocations: the same warehouse, the cluster, kinesis-mock. */
    private List<String> cli() {
        return List.of(
                "--flink",
                FLINK.hostAndPort(),
                "--format",
                "json",
                "--warehouse",
                dir.resolve("wh").toString(),
                "--kinesis-endpoint",
                KINESIS.endpoint().toString(),
                "--region",
                KINESIS.region().id());
    }

    private static Set<String> jobIds() throws IOException, InterruptedException {
        return FLINK.jobs().stream().map(FlinkRest.Job::id).collect(Collectors.toSet());
    }

    /** The jobs that are not {@code before} and have not ended. */
    private static List<FlinkRest.Job> unfinishedJobs(Set<String> before)
            throws IOException, InterruptedException {
        return FLINK.jobs().stream()
                .filter(job -> !before.contains(job.id()))
                .filter(job -> !List.of("FINISHED", "CANCELED", "FAILED").contains(job.state()))
                .toList();
    }

    /** The one job, not {@code before}, that runs (waiting up to 30 s for it to be RUNNING). */
    private static FlinkRest.Job onlyUnfinishedJob(Set<String> before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<FlinkRest.Job> jobs = unfinishedJobs(before);
        while (!(jobs.size() == 1 && jobs.get(0).state().equals("RUNNING"))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            jobs = unfinishedJobs(before);
        }
        assertThat(jobs).singleElement().extracting(FlinkRest.Job::state).isEqualTo("RUNNING");
        return jobs.get(0);
    }

    /**
     * Waits up to a minute until the Iceberg table of {@code view} holds {@code rows} rows, read
     * straight from the warehouse: no door of the product runs meanwhile.
     */
    private void awaitCommittedRows(String view, long rows) throws Exception {
        String warehouse = WarehouseLocation.of(dir.resolve("wh").toString()).iceberg();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        try (HadoopCatalog iceberg =
                new HadoopCatalog(new org.apache.hadoop.conf.Configuration(), warehouse)) {
            org.apache.iceberg.Table table = iceberg.loadTable(TableIdentifier.of("public", view));
            long committed = -1;
            while (System.nanoTime() < deadline) {
                table.refresh();
                Snapshot snapshot = table.currentSnapshot();
                committed =
                        snapshot == null
                                ? 0
                                : Long.parseLong(
                                        snapshot.summary().getOrDefault("total-records", "0"));
                if (committed >= rows) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(committed).as("rows committed to " + view).isEqualTo(rows);
        }
    }

    /** The seed script names my_stream_name: remove one another test class left behind. */
    private static TestStream freshStream() {
        if (KINESIS.client().listStreams().streamNames().contains(STREAM)) {
            KINESIS.streams().existing(STREAM).delete();
        }
        return KINESIS.streams().createNamed(STREAM, 2);
    }

    private static final List<String> COLUMNS =
            List.of("partition_key", "shard_id", "sequence_number", "kinesis_data");

    private static List<List<String>> rows(String out) throws IOException {
        return SeedRows.read(out, COLUMNS);
    }

    private static List<List<String>> valid(List<TestRecord> put) {
        return SeedRows.expected(put, Pattern.compile("\\{\"order_id\":\\d+}"), COLUMNS);
    }

    /** Runs {@code bin/streaming-ingest run} in its own JVM, as a user would. */
    static final class Launcher {

        record Result(int exit, String out, String err) {}

        static Result run(
                Path dir,
                String scriptName,
                String script,
                List<String> options,
                Map<String, String> environment)
                throws IOException, InterruptedException {
            try (CliProcess process =
                    CliProcess.start(dir, "run", scriptName, script, options, environment)) {
                int exit = process.waitFor(Duration.ofMinutes(3));
                return new Result(exit, process.out(), process.err());
            }
        }
    }
}
