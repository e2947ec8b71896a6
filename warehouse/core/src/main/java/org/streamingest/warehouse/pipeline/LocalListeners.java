package org.streamingest.warehouse.pipeline;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;

import java.util.List;

/**
 * Where a Flink cluster that this process starts listens: on 127.0.0.1, unless the user's Flink
 * settings name another address. Flink's own defaults are every interface for the REST endpoint
 * ({@code rest.bind-address}) and the BlobServer ({@code jobmanager.bind-host}, which the embedded
 * cluster's jobs never need to reach from elsewhere), and a TaskManager's data port ({@code
 * taskmanager.bind-host}).
 */
public final class LocalListeners {

    static final String LOOPBACK = "127.0.0.1";

    /** The options that choose a listening address, each set to {@value #LOOPBACK} by default. */
    static final List<ConfigOption<String>> BIND_OPTIONS =
            List.of(
                    RestOptions.BIND_ADDRESS,
                    RestOptions.ADDRESS,
                    JobManagerOptions.BIND_HOST,
                    TaskManagerOptions.BIND_HOST,
                    TaskManagerOptions.HOST);

    private LocalListeners() {}

    /**
     * {@code config} with every listening address of {@link #BIND_OPTIONS} on {@value #LOOPBACK},
     * or as {@code user} (the user's Flink settings, {@code --conf}) sets it.
     */
    public static Configuration apply(Configuration config, ReadableConfig user) {
        for (ConfigOption<String> option : BIND_OPTIONS) {
            config.set(option, user.getOptional(option).orElse(LOOPBACK));
        }
        return config;
    }
}
