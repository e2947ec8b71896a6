package org.streamingest.job.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("  quickstart [--records N] [--warehouse DIR]")
                .contains("  run [options] FILE.sql")
                .contains("  serve [options] [FILE.sql]")
                .contains("  shell [options]")
                .contains("\\q or EOF exits")
                .contains("Options of run, serve and shell:")
                .contains("--format table|csv|json", "--warehouse DIR|URI", "--conf key=value");
    }

    @Test
    void runNeedsAScriptAndShellTakesNone() {
        assertThat(run("run", "--format", "csv")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("run needs a script");
        err.reset();
        assertThat(run("shell", "setup.sql")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("shell takes no script file, got 'setup.sql'.");
    }

    @Test
    void badSharedOptionsAreNamedPerCommand() {
        assertThat(run("serve", "--bogus", "1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Unknown option --bogus for serve. Options: --format, --warehouse");
        err.reset();
        assertThat(run("shell", "--format", "xml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("xml");
        err.reset();
        assertThat(run("serve", "a.sql", "b.sql")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("serve takes one script file, got 'a.sql' and 'b.sql'.");
        err.reset();
        assertThat(run("serve", "--conf", "novalue")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--conf expects key=value");
    }

    @Test
    void confSettingsThatCannotWorkFailBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        String script = Files.writeString(dir.resolve("s.sql"), "SELECT 1;\n").toString();

        assertThat(run("run", "--conf", "execution.checkpointing.interval=banana", script))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "streaming-ingest: Invalid --conf execution.checkpointing.interval=banana:"
                                + " Flink's option execution.checkpointing.interval expects a"
                                + " duration, such as '30 s', '500 ms' or '1 min'.\n");
        err.reset();
        String warehouse = dir.resolve("wh").toString();
        assertThat(run("run", "--warehouse", warehouse, "--conf", "scan.nosuch.option=1", script))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith(
                        "streaming-ingest: run failed: Unknown option 'scan.nosuch.option' of the"
                                + " Kinesis streams: aws.* and scan.* keys are the connector's,"
                                + " and it has aws.region, ")
                .endsWith(" (docs/connector-options.md).\n");
        assertThat(dir.resolve("wh")).doesNotExist();
    }

    @Test
    void serveReportsAMissingScriptBeforeStartingAnything() {
        assertThat(run("serve", "/no/such/script.sql")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("script /no/such/script.sql does not exist.");
    }

    @Test
    void shellKnowsWhenAStatementIsComplete() {
        assertThat(ShellCommand.complete("SELECT 1")).isFalse();
        assertThat(ShellCommand.complete("SELECT 1;\n")).isTrue();
        assertThat(ShellCommand.complete("SELECT ';\n")).isFalse();
        assertThat(ShellCommand.complete("SELECT 1; SELECT\n")).isFalse();
        assertThat(ShellCommand.complete("SELECT 1 -- done;\n")).isFalse();
        assertThat(ShellCommand.complete("/* ; */ SELECT 1;\n")).isTrue();
        assertThat(ShellCommand.complete("SELECT $$;$$;\n")).isTrue();
        assertThat(ShellCommand.complete("   \n")).isFalse();
    }

    @Test
    void unknownCommandIsNamed() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown command 'frobnicate'")
                .contains("Usage:");
    }

    @Test
    void quickstartWithoutTheDemoModuleSaysHowToGetIt() {
        // job's own classpath has no demo module: the product never loads the quickstart
        assertThat(run("quickstart", "--records", "3")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("the quickstart is demo code and not on this classpath")
                .contains("bin/streaming-ingest quickstart")
                .contains("./mvnw package -pl demo -am");
    }
}
