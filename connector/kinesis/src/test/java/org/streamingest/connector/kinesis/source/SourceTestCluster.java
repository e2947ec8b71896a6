package org.streamingest.connector.kinesis.source;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the source ITs run on: one TaskManager with four slots. */
final class SourceTestCluster {
    private SourceTestCluster() {}

    static MiniClusterExtension create() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(4)
                        .build());
    }
}
