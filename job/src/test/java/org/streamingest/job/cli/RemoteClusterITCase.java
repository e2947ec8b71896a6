package org.streamingest.job.cli;

import org.streamingest.job.cluster.FlinkClusterExtension;
import org.streamingest.job.cluster.FlinkRest;
import org.streamingest.kinesis.testing.FreePorts;
import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

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
 * second invocation adds exactly the new ones, and the view's jobs ran on that cluster. The CLI
 * runs through the launcher, so the jars it ships are those a user's launcher would ship. (An AUTO
 * REFRESH YES view's pipeline left running on a session cluster and taken over by the next process:
 * {@code SessionClusterManifestsITCase}, with the scripts of k8s/.)
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
