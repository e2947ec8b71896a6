package org.streamingest.job.cli;

import org.streamingest.job.gateway.ReadmeStatements;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Running Redshift SQL" against a local server, as a user follows it: its SQL blocks
 * saved under the names they give ({@code -- seed.sql}), then each of its command blocks that use
 * the local servers run by bash, in order, in a fresh directory (so on a fresh warehouse). Only the
 * port (a free one instead of 4567) and the repository's location change; a block that fails fails
 * the test with what it printed.
 */
class ReadmeLocalServerITCase {

    private static final String SECTION = "## Running Redshift SQL";
    private static final Pattern ORDER = Pattern.compile("\"order_id\":(\\d+),");

    @TempDir Path dir;

    private Path root;
    private int port;

    /** The {@code export} lines of the blocks run so far: one terminal runs them all. */
    private final StringBuilder exports = new StringBuilder();

    @AfterEach
    void stopTheServerIfABlockFailed() throws Exception {
        Path pid = root.resolve("tools/kinesis-servers/run/kinesalite-" + port + ".pid");
        if (Files.exists(pid)) {
            new ProcessBuilder(root.resolve("tools/kinesis-servers/stop.sh").toString(), "" + pid)
                    .inheritIO()
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void theLocalServerPathRunsAsWrittenAndRefreshesTwice() throws Exception {
        Path launcher = Path.of(System.getProperty(CliProcess.PROPERTY, "../bin/streaming-ingest"));
        root = launcher.toAbsolutePath().getParent().getParent().normalize();
        port = freePort();
        Path readme = root.resolve("README.md");
        for (String sql : ReadmeStatements.blocks(readme, SECTION, "sql")) {
            String name = sql.lines().findFirst().orElseThrow().replaceFirst("^-- ", "").strip();
            assertThat(name).as("a SQL block names its file").endsWith(".sql");
            Files.writeString(dir.resolve(name), sql);
        }
        List<String> blocks =
                ReadmeStatements.blocks(readme, SECTION, "bash").stream()
                        .filter(b -> b.contains("tools/kinesis-servers/"))
                        .collect(Collectors.toList());
        assertThat(blocks).as("start, put more, stop").hasSize(3);

        // start the server, make the stream, seed.sql, refresh.sql: the 18 valid of 20 events
        String first = run(blocks.get(0));
        assertThat(orders(first)).isEqualTo(expected(20));
        assertThat(rowCounts(first)).containsExactly("18 rows");

        // put 5 more and refresh again: the 5 are added, nothing read twice
        String second = run(blocks.get(1));
        List<Integer> both = new ArrayList<>(expected(20));
        both.addAll(expected(5));
        both.sort(null);
        assertThat(orders(second)).isEqualTo(both);
        assertThat(rowCounts(second)).containsExactly("23 rows");

        // and the same again, as a user would
        String third = run(blocks.get(1));
        both.addAll(expected(5));
        both.sort(null);
        assertThat(orders(third)).isEqualTo(both);
        assertThat(rowCounts(third)).containsExactly("28 rows");

        run(blocks.get(2));
        assertThat(root.resolve("tools/kinesis-servers/run/kinesalite-" + port + ".pid"))
                .doesNotExist();
    }

    /**
     * Runs {@code block} with bash in the test's directory, after the exports of the blocks before
     * it (as in one terminal); returns its stdout.
     */
    private String run(String block) throws IOException, InterruptedException {
        String earlier = exports.toString();
        block.lines().filter(l -> l.startsWith("export ")).forEach(l -> exports.append(l + "\n"));
        String script =
                (earlier + block)
                        .replace("4567", Integer.toString(port))
                        .replace("tools/kinesis-servers/", root + "/tools/kinesis-servers/")
                        .replace("bin/streaming-ingest", root + "/bin/streaming-ingest");
        Path out = Files.createTempFile(dir, "block", ".out");
        Path err = Files.createTempFile(dir, "block", ".err");
        ProcessBuilder builder =
                new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                        .directory(dir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
        builder.environment().put("STREAMING_INGEST_JAVA_OPTS", "-Xmx1g");
        // no class-data archive: training it would only slow the first block down
        builder.environment().put("STREAMING_INGEST_CDS", "off");
        builder.environment()
                .put(
                        "PATH",
                        Path.of(System.getProperty("java.home"), "bin")
                                + ":"
                                + System.getenv("PATH"));
        Process process = builder.start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(
                    "The block did not end:\n"
                            + script
                            + "\nstdout:\n"
                            + Files.readString(out)
                            + "\nstderr:\n"
                            + Files.readString(err));
        }
        assertThat(process.exitValue())
                .as(
                        "the block\n%s\nstdout:\n%s\nstderr:\n%s",
                        script, Files.readString(out), Files.readString(err))
                .isZero();
        return Files.readString(out);
    }

    /** The order ids of the table's rows, sorted. */
    private static List<Integer> orders(String printed) {
        List<Integer> orders = new ArrayList<>();
        for (String line : printed.split("\n")) {
            if (line.startsWith("| ") && line.contains("shardId-")) {
                Matcher order = ORDER.matcher(line);
                assertThat(order.find()).as("an order in %s", line).isTrue();
                orders.add(Integer.parseInt(order.group(1)));
            }
        }
        orders.sort(null);
        return orders;
    }

    private static List<String> rowCounts(String printed) {
        return Arrays.stream(printed.split("\n"))
                .filter(l -> l.matches("\\d+ rows?"))
                .collect(Collectors.toList());
    }

    /** The valid orders of {@code n} sample events: every seventh (6, 13, ...) is malformed. */
    private static List<Integer> expected(int n) {
        List<Integer> orders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % 7 != 6) {
                orders.add(i);
            }
        }
        return orders;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
