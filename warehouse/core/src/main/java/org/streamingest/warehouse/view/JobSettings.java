package org.streamingest.warehouse.view;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.WarehouseCatalogOptions;
import org.streamingest.warehouse.catalog.WarehouseConfig;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.util.TimeUtils;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a view pipeline's Flink job that a user chooses, resolved here and nowhere else.
 * Each one is taken from the highest of, lowest first:
 *
 * <ol>
 *   <li>the defaults of the warehouse catalog's options ({@link WarehouseCatalogOptions}: {@code
 *       auto-refresh.interval} 1 s, {@code pipeline.restart-attempts} 2, {@code
 *       pipeline.restart-delay} 500 ms);
 *   <li>the warehouse's options: {@code CREATE CATALOG w WITH (...)} in a Flink session, the CLI's
 *       {@code --catalog key=value};
 *   <li>Flink's own keys among the session's Flink settings (the CLI's {@code --conf}): {@code
 *       execution.checkpointing.interval}, {@code restart-strategy.type}, {@code
 *       restart-strategy.fixed-delay.attempts} and {@code restart-strategy.fixed-delay.delay};
 *   <li>the statement's own: a view's interval ({@link ViewDefinition#freshness()}, what Flink's
 *       {@code FRESHNESS = INTERVAL ...} states).
 * </ol>
 *
 * <p>The checkpoint interval is the auto-refresh interval for an AUTO REFRESH YES view, since every
 * checkpoint commits one Iceberg snapshot. The restart strategy is fixed-delay unless the session
 * names another: a record the view cannot process fails again on every restart, so giving up after
 * a few lets REFRESH report the error instead of waiting for ever.
 */
public final class JobSettings {

    /**
     * The checkpoint interval of a manual refresh, whatever is set. Not an option: a manual refresh
     * commits with the savepoint it ends with, and periodic checkpoints stay on only because the
     * job is exactly-once with them (and a failed refresh resumes from the newest); an interval
     * long enough that a refresh rarely commits part of its rows early is all it needs.
     */
    static final String MANUAL_INTERVAL = "1 h";

    static final String FIXED_DELAY = "fixed-delay";

    /** Flink's own keys that a session's settings may set for its pipelines (the third level). */
    public static final List<String> SESSION_KEYS =
            List.of(
                    CheckpointingOptions.CHECKPOINTING_INTERVAL.key(),
                    RestartStrategyOptions.RESTART_STRATEGY.key(),
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS.key(),
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY.key());

    private JobSettings() {}

    /**
     * The Flink settings of a pipeline: {@code execution.checkpointing.interval} and the restart
     * strategy's keys, by the precedence above.
     *
     * @param warehouse the warehouse's options, with their defaults
     * @param session the session's Flink settings ({@code --conf})
     * @param autoRefresh true for an AUTO REFRESH YES pipeline, false for a manual refresh
     * @param viewInterval the view's own auto-refresh interval, {@code null} for none; a manual
     *     refresh does not use it
     */
    static Map<String, String> of(
            WarehouseConfig warehouse,
            Map<String, String> session,
            boolean autoRefresh,
            Duration viewInterval) {
        Configuration flink = Configuration.fromMap(session);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(
                CheckpointingOptions.CHECKPOINTING_INTERVAL.key(),
                autoRefresh
                        ? format(autoRefreshInterval(warehouse, flink, viewInterval))
                        : MANUAL_INTERVAL);
        settings.put(
                RestartStrategyOptions.RESTART_STRATEGY.key(),
                session(flink, RestartStrategyOptions.RESTART_STRATEGY).orElse(FIXED_DELAY));
        settings.put(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS.key(),
                Integer.toString(
                        session(flink, RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)
                                .orElse(warehouse.restartAttempts())));
        settings.put(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY.key(),
                format(
                        session(flink, RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY)
                                .orElse(warehouse.restartDelay())));
        return settings;
    }

    private static Duration autoRefreshInterval(
            WarehouseConfig warehouse, Configuration flink, Duration viewInterval) {
        if (viewInterval != null) {
            return atLeastShortest(viewInterval, "interval of the view's own FRESHNESS");
        }
        Optional<Duration> session = session(flink, CheckpointingOptions.CHECKPOINTING_INTERVAL);
        if (session.isPresent()) {
            return atLeastShortest(
                    session.get(),
                    "execution.checkpointing.interval of the session's Flink settings");
        }
        return warehouse.autoRefreshInterval();
    }

    private static Duration atLeastShortest(Duration interval, String what) {
        if (interval.compareTo(WarehouseConfig.SHORTEST_INTERVAL) < 0) {
            throw new WarehouseException(
                    "Invalid "
                            + what
                            + " ("
                            + format(interval)
                            + "): an AUTO REFRESH view commits at every checkpoint, at least"
                            + " every 10 ms (Flink's shortest checkpoint interval), such as"
                            + " '1 s'.");
        }
        return interval;
    }

    /** The session's value of {@code option}, under its key or an older one Flink still reads. */
    private static <T> Optional<T> session(Configuration flink, ConfigOption<T> option) {
        try {
            return flink.getOptional(option);
        } catch (IllegalArgumentException e) {
            throw new WarehouseException(
                    "Invalid Flink setting of the session: " + e.getMessage(), e);
        }
    }

    private static String format(Duration duration) {
        return TimeUtils.formatWithHighestUnit(duration);
    }
}
