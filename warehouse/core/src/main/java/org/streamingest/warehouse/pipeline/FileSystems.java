package org.streamingest.warehouse.pipeline;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginUtils;

import java.util.Map;

/**
 * Flink's file systems in a process that is not a Flink JobManager or TaskManager (the CLI): the
 * views' checkpoints and savepoints may be on {@code s3://}, which Flink reads only through its
 * file system plugins. Loads the plugins of {@code FLINK_PLUGINS_DIR} (the image's {@code
 * /opt/flink/plugins}; {@code plugins/} in the working directory if unset, as Flink does), each
 * configured from the session's Flink settings ({@code s3.endpoint}, {@code s3.path.style.access},
 * ...), as Flink's own processes do at start. Without plugins, local and Hadoop paths still work.
 */
public final class FileSystems {

    private static final String SDK_V1_ANNOUNCEMENT = "aws.java.v1.disableDeprecationAnnouncement";

    private FileSystems() {}

    /** Initializes Flink's file systems of this JVM with {@code flinkSettings}. */
    public static void initialize(Map<String, String> flinkSettings) {
        // The S3 plugin's AWS SDK 1.x announces its end of support with a stack trace on stderr,
        // on the first use: nothing a user of this process can act on.
        if (System.getProperty(SDK_V1_ANNOUNCEMENT) == null) {
            System.setProperty(SDK_V1_ANNOUNCEMENT, "true");
        }
        Configuration config = Configuration.fromMap(flinkSettings);
        FileSystem.initialize(config, PluginUtils.createPluginManagerFromRootFolder(config));
    }
}
