package org.streamingest.job.exec;

import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

import java.net.URI;
import java.time.Duration;

/**
 * The Flink cluster that runs a warehouse's pipelines and queries: an embedded {@link MiniCluster}
 * (default; REST bound to 127.0.0.1 on a random port, {@value #EMBEDDED_SLOTS} slots so batch
 * queries find room beside running pipelines) or a remote session cluster ({@code --flink
 * HOST:PORT}). Either way, TableEnvironments submit with {@code execution.target=remote} to its
 * REST address, and {@link #client()} talks to it for checkpoints, savepoints, status and metrics.
 */
public final class FlinkCluster implements AutoCloseable {

    static final int EMBEDDED_SLOTS = 8;

    private final MiniCluster embedded;
    private final String host;
    private final int port;
    private RestClusterClient<StandaloneClusterId> client;

    private FlinkCluster(MiniCluster embedded, String host, int port) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
    }

    /** Starts an embedded cluster. */
    public static FlinkCluster embedded() {
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, "0");
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, EMBEDDED_SLOTS);
        // REST serves metrics and job details from caches refreshed this often (defaults 10 s and
        // 3 s): a refresh polls both, to see its source caught up and every task running.
        config.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(100));
        config.set(WebOptions.REFRESH_INTERVAL, Duration.ofMillis(100));
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(config)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(EMBEDDED_SLOTS)
                                .build());
        try {
            cluster.start();
            URI rest = cluster.getRestAddress().get();
            return new FlinkCluster(cluster, rest.getHost(), rest.getPort());
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot start the embedded Flink cluster: " + e.getMessage(), e);
        }
    }

    /** A remote cluster whose REST endpoint is {@code hostAndPort} ({@code HOST:PORT}). */
    public static FlinkCluster remote(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(
                    "--flink expects local or HOST:PORT of a Flink REST endpoint, got '"
                            + hostAndPort
                            + "'.");
        }
        try {
            return new FlinkCluster(
                    null,
                    hostAndPort.substring(0, colon),
                    Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--flink HOST:PORT needs a numeric port, got '" + hostAndPort + "'.", e);
        }
    }

    /** The REST endpoint, {@code http://host:port}. */
    public URI restAddress() {
        return URI.create("http://" + host + ":" + port);
    }

    /** Configuration that makes a TableEnvironment submit its jobs to this cluster. */
    public Configuration clientConfig() {
        Configuration config = new Configuration();
        config.set(DeploymentOptions.TARGET, "remote");
        config.set(RestOptions.ADDRESS, host);
        config.set(RestOptions.PORT, port);
        return config;
    }

    /** A REST client of this cluster, created on first use and closed with the cluster. */
    public synchronized RestClusterClient<StandaloneClusterId> client() {
        if (client == null) {
            try {
                client = new RestClusterClient<>(clientConfig(), StandaloneClusterId.getInstance());
            } catch (Exception e) {
                throw new IllegalStateException(
                        "Cannot reach Flink at " + host + ":" + port + ": " + e.getMessage(), e);
            }
        }
        return client;
    }

    @Override
    public synchronized void close() throws Exception {
        if (client != null) {
            client.close();
            client = null;
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
