package org.streamingest.warehouse.pipeline;

import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.util.EnvironmentInformation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Flink cluster that runs a warehouse's pipelines and queries: an embedded {@link MiniCluster}
 * (default; REST and BlobServer bound to 127.0.0.1, REST on a random port, {@value #EMBEDDED_SLOTS}
 * slots so batch queries find room beside running pipelines) or a remote session cluster ({@code
 * --flink HOST:PORT}). Either way, TableEnvironments submit with {@code execution.target=remote} to
 * its REST address, and {@link #client()} talks to it for checkpoints, savepoints, status and
 * metrics.
 *
 * <p>A remote cluster is expected to hold only a Flink distribution's jars: every job submitted to
 * it carries the one runtime jar as {@code pipeline.jars} ({@link JobJars}). The embedded cluster
 * shares the client's classpath and is sent none.
 */
public final class FlinkCluster implements AutoCloseable {

    static final int EMBEDDED_SLOTS = 8;

    private final MiniCluster embedded;
    private final boolean application;
    private final String host;
    private final int port;
    private final String version;
    private final List<Path> jobJars;
    private RestClusterClient<StandaloneClusterId> client;

    private FlinkCluster(
            MiniCluster embedded, String host, int port, String version, List<Path> jobJars) {
        this(embedded, false, host, port, version, jobJars);
    }

    private FlinkCluster(
            MiniCluster embedded,
            boolean application,
            String host,
            int port,
            String version,
            List<Path> jobJars) {
        this.embedded = embedded;
        this.application = application;
        this.host = host;
        this.port = port;
        this.version = version;
        this.jobJars = List.copyOf(jobJars);
    }

    /** Starts an embedded cluster that listens on 127.0.0.1 only. */
    public static FlinkCluster embedded() {
        return embedded(new Configuration());
    }

    /**
     * Starts an embedded cluster. It listens on 127.0.0.1 only, unless {@code settings} (the user's
     * Flink settings) name other addresses ({@link LocalListeners}).
     */
    public static FlinkCluster embedded(ReadableConfig settings) {
        Configuration config = LocalListeners.apply(new Configuration(), settings);
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
            return new FlinkCluster(
                    cluster,
                    rest.getHost(),
                    rest.getPort(),
                    EnvironmentInformation.getVersion(),
                    List.of());
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot start the embedded Flink cluster: " + e.getMessage(), e);
        }
    }

    /**
     * The remote session cluster whose REST endpoint is {@code hostAndPort} ({@code HOST:PORT}).
     * Fails with a message naming the address when nothing answers there, or when it runs another
     * minor version of Flink.
     */
    public static FlinkCluster remote(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(
                    "--flink expects local or HOST:PORT of a Flink REST endpoint, got '"
                            + hostAndPort
                            + "'.");
        }
        String host = hostAndPort.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(hostAndPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--flink HOST:PORT needs a numeric port, got '" + hostAndPort + "'.", e);
        }
        URI rest = URI.create("http://" + host + ":" + port);
        String flag = "--flink " + hostAndPort;
        String version = ClusterProbe.requireCompatible(rest, flag);
        List<Path> jobJars = JobJars.ofThisJvm(ClusterProbe.jobManagerJars(rest, flag));
        return new FlinkCluster(null, host, port, version, jobJars);
    }

    /**
     * The cluster this code runs in as an application's {@code main} method, on the JobManager of a
     * Flink application cluster ({@code jobManager} is its configuration): TableEnvironments submit
     * through Flink's context environment, which the application cluster set up, and {@link
     * #client()} talks to the JobManager's own REST endpoint ({@code rest.address}, else {@code
     * jobmanager.rpc.address}, and {@code rest.port}).
     */
    public static FlinkCluster application(ReadableConfig jobManager) {
        String host =
                jobManager
                        .getOptional(RestOptions.ADDRESS)
                        .orElse(jobManager.get(JobManagerOptions.ADDRESS));
        return new FlinkCluster(
                null,
                true,
                host,
                jobManager.get(RestOptions.PORT),
                EnvironmentInformation.getVersion(),
                List.of());
    }

    /** Whether this is a remote cluster, which receives the job jars with every job. */
    public boolean isRemote() {
        return embedded == null;
    }

    /** The jars every job carries to the cluster (none for the embedded cluster). */
    public List<Path> jobJars() {
        return jobJars;
    }

    /** One line for the user: where jobs run and what they carry there. */
    public String describe() {
        if (application) {
            return "Flink " + version + " application cluster at " + restAddress();
        }
        if (!isRemote()) {
            return "embedded Flink " + version + " at " + restAddress();
        }
        String cluster = "Flink " + version + " session cluster at " + restAddress();
        if (jobJars.isEmpty()) {
            return cluster + "; its lib/ holds " + JobJars.FILE_NAME + ", so jobs ship no jars";
        }
        long bytes = 0;
        for (Path jar : jobJars) {
            try {
                bytes += Files.size(jar);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + jar, e);
            }
        }
        return cluster
                + "; every job ships "
                + (jobJars.size() == 1 ? "1 jar" : jobJars.size() + " jars")
                + " ("
                + (bytes >> 20)
                + " MiB): "
                + jobJars.get(0).getFileName();
    }

    /** The REST endpoint, {@code http://host:port}. */
    public URI restAddress() {
        return URI.create("http://" + host + ":" + port);
    }

    /** Configuration that makes a TableEnvironment submit its jobs to this cluster. */
    public Configuration clientConfig() {
        Configuration config = new Configuration();
        if (application) {
            return config; // the application cluster's context environment submits
        }
        config.set(DeploymentOptions.TARGET, "remote");
        config.set(RestOptions.ADDRESS, host);
        config.set(RestOptions.PORT, port);
        if (isRemote()) {
            config.set(PipelineOptions.JARS, JobJars.urls(jobJars));
        }
        return config;
    }

    /** A REST client of this cluster, created on first use and closed with the cluster. */
    public synchronized RestClusterClient<StandaloneClusterId> client() {
        if (client == null) {
            try {
                Configuration rest = new Configuration();
                rest.set(RestOptions.ADDRESS, host);
                rest.set(RestOptions.PORT, port);
                client = new RestClusterClient<>(rest, StandaloneClusterId.getInstance());
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
