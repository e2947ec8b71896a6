package org.streamingest.job.cli;

import org.streamingest.connector.kinesis.table.KinesisConnectorOptions;
import org.streamingest.warehouse.catalog.OptionValues;

import org.apache.flink.configuration.ConfigOption;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the Flink settings of {@code --conf} before anything runs: a key Flink declares in one of
 * its option classes must have a value its option can read ({@code
 * execution.checkpointing.interval=banana} fails naming the key, the value and what is expected).
 * Flink keeps no registry of every option, and plugins, file systems and reporters read keys of
 * their own ({@code s3.endpoint}, {@code metrics.reporter.*}), so a key none of these classes
 * declares is passed on as it is, not rejected.
 */
final class FlinkSettings {

    /** Flink's option classes whose keys a user of the CLI may set. */
    private static final List<String> OPTION_CLASSES =
            List.of(
                    "org.apache.flink.configuration.CheckpointingOptions",
                    "org.apache.flink.configuration.StateBackendOptions",
                    "org.apache.flink.configuration.StateRecoveryOptions",
                    "org.apache.flink.configuration.StateChangelogOptions",
                    "org.apache.flink.configuration.ExecutionOptions",
                    "org.apache.flink.configuration.PipelineOptions",
                    "org.apache.flink.configuration.CoreOptions",
                    "org.apache.flink.configuration.RestartStrategyOptions",
                    "org.apache.flink.configuration.RestOptions",
                    "org.apache.flink.configuration.JobManagerOptions",
                    "org.apache.flink.configuration.TaskManagerOptions",
                    "org.apache.flink.configuration.MetricOptions",
                    "org.apache.flink.configuration.WebOptions",
                    "org.apache.flink.configuration.DeploymentOptions",
                    "org.apache.flink.configuration.ClientOptions",
                    "org.apache.flink.configuration.NettyShuffleEnvironmentOptions",
                    "org.apache.flink.table.api.config.ExecutionConfigOptions",
                    "org.apache.flink.table.api.config.OptimizerConfigOptions",
                    "org.apache.flink.table.api.config.TableConfigOptions");

    private FlinkSettings() {}

    /** Fails with {@link IllegalArgumentException} on the first value Flink cannot read. */
    static void check(Map<String, String> settings) {
        List<ConfigOption<?>> options = declared();
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            for (ConfigOption<?> option : options) {
                if (OptionValues.hasKey(option, setting.getKey())) {
                    OptionValues.unreadable(option, setting.getKey(), setting.getValue())
                            .ifPresent(
                                    expected -> {
                                        throw new IllegalArgumentException(
                                                "Invalid --conf "
                                                        + setting.getKey()
                                                        + "="
                                                        + setting.getValue()
                                                        + ": Flink's option "
                                                        + setting.getKey()
                                                        + " expects "
                                                        + expected
                                                        + ".");
                                    });
                }
            }
        }
    }

    /** The public static {@link ConfigOption} constants of {@link #OPTION_CLASSES}. */
    static List<ConfigOption<?>> declared() {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (String name : OPTION_CLASSES) {
            Class<?> type;
            try {
                type = Class.forName(name, false, FlinkSettings.class.getClassLoader());
            } catch (ClassNotFoundException notInThisFlink) {
                continue;
            }
            options.addAll(KinesisConnectorOptions.declaredIn(type));
        }
        return options;
    }
}
