package org.streamingest.job.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingIngestCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return StreamingIngestCli.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void noArgumentsPrintsUsageToStderrAndFails() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: streaming-ingest");
    }

    @Test
    void helpPrintsUsageToStdout() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("quickstart");
    }

    @Test
    void unknownCommandIsNamed() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown command 'frobnicate'")
                .contains("Usage:");
    }

    @Test
    void badQuickstartOptionsAreNamed() {
        assertThat(run("quickstart", "--records", "-3")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--records needs a positive number, got '-3'");
        err.reset();
        assertThat(run("quickstart", "--shards", "2")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--shards'");
    }
}
