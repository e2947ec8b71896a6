package org.streamingest.job.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlinkSettingsTest {

    @Test
    void aValueFlinkCannotReadNamesTheKeyTheValueAndWhatIsExpected() {
        assertThatThrownBy(
                        () ->
                                FlinkSettings.check(
                                        Map.of("execution.checkpointing.interval", "banana")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Invalid --conf execution.checkpointing.interval=banana: Flink's option"
                                + " execution.checkpointing.interval expects a duration, such as"
                                + " '30 s', '500 ms' or '1 min'.");
        assertThatThrownBy(() -> FlinkSettings.check(Map.of("parallelism.default", "two")))
                .hasMessage(
                        "Invalid --conf parallelism.default=two: Flink's option"
                                + " parallelism.default expects a whole number.");
        assertThatThrownBy(() -> FlinkSettings.check(Map.of("execution.runtime-mode", "fast")))
                .hasMessage(
                        "Invalid --conf execution.runtime-mode=fast: Flink's option"
                                + " execution.runtime-mode expects one of STREAMING, BATCH,"
                                + " AUTOMATIC.");
        assertThatThrownBy(
                        () -> FlinkSettings.check(Map.of("table.exec.mini-batch.enabled", "yes")))
                .hasMessage(
                        "Invalid --conf table.exec.mini-batch.enabled=yes: Flink's option"
                                + " table.exec.mini-batch.enabled expects true or false.");
    }

    @Test
    void readableValuesAndKeysFlinkDeclaresElsewherePass() {
        assertThatCode(
                        () ->
                                FlinkSettings.check(
                                        Map.of(
                                                "execution.checkpointing.interval", "2 s",
                                                "restart-strategy.type", "fixed-delay",
                                                "s3.endpoint", "http://127.0.0.1:9000",
                                                "metrics.reporter.jmx.factory.class", "x")))
                .doesNotThrowAnyException();
    }
}
