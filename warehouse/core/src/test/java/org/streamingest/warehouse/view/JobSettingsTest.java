package org.streamingest.warehouse.view;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.WarehouseConfig;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The one precedence of a pipeline's job settings, each level over the one below: option defaults <
 * warehouse options < the session's Flink settings < the view's own interval.
 */
class JobSettingsTest {

    static final String INTERVAL = "execution.checkpointing.interval";
    static final String STRATEGY = "restart-strategy.type";
    static final String ATTEMPTS = "restart-strategy.fixed-delay.attempts";
    static final String DELAY = "restart-strategy.fixed-delay.delay";

    @Test
    void theOptionDefaults() {
        assertThat(JobSettings.of(warehouse(), Map.of(), true, null))
                .containsExactly(
                        entry(INTERVAL, "1 s"),
                        entry(STRATEGY, "fixed-delay"),
                        entry(ATTEMPTS, "2"),
                        entry(DELAY, "500 ms"));
    }

    @Test
    void theWarehouseOptionsOverrideTheDefaults() {
        WarehouseConfig warehouse =
                warehouse(
                        "auto-refresh.interval", "5 s",
                        "pipeline.restart-attempts", "0",
                        "pipeline.restart-delay", "2 s");

        assertThat(JobSettings.of(warehouse, Map.of(), true, null))
                .containsExactly(
                        entry(INTERVAL, "5 s"),
                        entry(STRATEGY, "fixed-delay"),
                        entry(ATTEMPTS, "0"),
                        entry(DELAY, "2 s"));
    }

    @Test
    void flinksOwnKeysInTheSessionOverrideTheWarehouseOptions() {
        WarehouseConfig warehouse =
                warehouse(
                        "auto-refresh.interval", "5 s",
                        "pipeline.restart-attempts", "0",
                        "pipeline.restart-delay", "2 s");
        Map<String, String> session =
                Map.of(
                        INTERVAL,
                        "250ms",
                        ATTEMPTS,
                        "7",
                        DELAY,
                        "1 min",
                        "parallelism.default",
                        "3");

        assertThat(JobSettings.of(warehouse, session, true, null))
                .containsExactly(
                        entry(INTERVAL, "250 ms"),
                        entry(STRATEGY, "fixed-delay"),
                        entry(ATTEMPTS, "7"),
                        entry(DELAY, "1 min"));
    }

    @Test
    void eachSessionKeyOverridesOnlyItself() {
        WarehouseConfig warehouse = warehouse("pipeline.restart-attempts", "4");

        assertThat(JobSettings.of(warehouse, Map.of(DELAY, "3 s"), true, null))
                .containsExactly(
                        entry(INTERVAL, "1 s"),
                        entry(STRATEGY, "fixed-delay"),
                        entry(ATTEMPTS, "4"),
                        entry(DELAY, "3 s"));
    }

    @Test
    void theSessionMayChooseAnotherRestartStrategyAlsoUnderFlinksOlderKey() {
        assertThat(JobSettings.of(warehouse(), Map.of(STRATEGY, "exponential-delay"), true, null))
                .containsEntry(STRATEGY, "exponential-delay");
        assertThat(JobSettings.of(warehouse(), Map.of("restart-strategy", "none"), true, null))
                .containsEntry(STRATEGY, "none");
    }

    @Test
    void theViewsOwnIntervalOverridesTheSessionAndTheWarehouse() {
        WarehouseConfig warehouse = warehouse("auto-refresh.interval", "5 s");
        Map<String, String> session = Map.of(INTERVAL, "250 ms", ATTEMPTS, "7");

        assertThat(JobSettings.of(warehouse, session, true, Duration.ofSeconds(30)))
                .containsExactly(
                        entry(INTERVAL, "30 s"),
                        entry(STRATEGY, "fixed-delay"),
                        entry(ATTEMPTS, "7"),
                        entry(DELAY, "500 ms"));
    }

    @Test
    void aManualRefreshCheckpointsHourlyWhateverIsSet() {
        WarehouseConfig warehouse =
                warehouse("auto-refresh.interval", "5 s", "pipeline.restart-attempts", "1");
        Map<String, String> session = Map.of(INTERVAL, "250 ms");

        assertThat(JobSettings.of(warehouse, session, false, Duration.ofSeconds(30)))
                .containsExactly(
                        entry(INTERVAL, "1 h"),
                        entry(STRATEGY, "fixed-delay"),
                        entry(ATTEMPTS, "1"),
                        entry(DELAY, "500 ms"));
    }

    @Test
    void anIntervalBelowFlinksShortestOrAnUnreadableSettingIsNamed() {
        assertThatThrownBy(() -> JobSettings.of(warehouse(), Map.of(), true, Duration.ofMillis(5)))
                .isInstanceOf(WarehouseException.class)
                .hasMessage(
                        "Invalid interval of the view's own FRESHNESS (5 ms): an AUTO REFRESH view"
                                + " commits at every checkpoint, at least every 10 ms (Flink's"
                                + " shortest checkpoint interval), such as '1 s'.");
        assertThatThrownBy(() -> JobSettings.of(warehouse(), Map.of(INTERVAL, "0 ms"), true, null))
                .isInstanceOf(WarehouseException.class)
                .hasMessage(
                        "Invalid execution.checkpointing.interval of the session's Flink settings"
                                + " (0 ms): an AUTO REFRESH view commits at every checkpoint, at"
                                + " least every 10 ms (Flink's shortest checkpoint interval),"
                                + " such as '1 s'.");
        assertThatThrownBy(() -> JobSettings.of(warehouse(), Map.of(ATTEMPTS, "two"), true, null))
                .isInstanceOf(WarehouseException.class)
                .hasMessage(
                        "Invalid Flink setting of the session: Could not parse value 'two' for key"
                                + " 'restart-strategy.fixed-delay.attempts'.");
    }

    private static WarehouseConfig warehouse(String... keyValues) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("warehouse", "/wh");
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put(keyValues[i], keyValues[i + 1]);
        }
        return WarehouseConfig.of(options);
    }
}
