package org.streamingest.warehouse.app;

import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseConfig;
import org.streamingest.warehouse.pipeline.FlinkCluster;
import org.streamingest.warehouse.procedure.ViewNames;
import org.streamingest.warehouse.view.JobSettings;
import org.streamingest.warehouse.view.MaterializedViews;
import org.streamingest.warehouse.view.Pipelines;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One materialized view as a Flink application: the entry class of a {@code FlinkDeployment} in
 * application mode (k8s/base/view-application.yaml) whose one job is the view's continuous
 * pipeline, {@code INSERT INTO <view> <query>} committing one Iceberg snapshot per checkpoint.
 *
 * <pre>
 * ViewApplication --catalog KEY=VALUE [--catalog KEY=VALUE ...] --view SCHEMA.VIEW
 * </pre>
 *
 * <p>{@code --catalog} takes the warehouse catalog's options, as {@code CREATE CATALOG ... WITH}
 * and the CLI's {@code --catalog} do ({@code warehouse}, {@code catalog-type}, {@code uri}, {@code
 * aws.region}, ...). The view must exist (created by the CLI or a gateway session). The application
 * takes the view's lease, held by the application cluster ({@code kubernetes.cluster-id}, else
 * {@code high-availability.cluster-id}, else its REST address) rather than by one JobManager
 * process: a JobManager started again after a failure holds it again, any other process is refused
 * a REFRESH naming this application. The pipeline starts from the view's newest snapshot (or the
 * restore path the operator sets, see {@link MaterializedViews#runAsApplication}) and writes its
 * checkpoints to the view's checkpoint directory, so a REFRESH or SELECT through any other door
 * sees exactly what it committed. When the job ends (the operator stopped it with a savepoint, or
 * it failed) the lease is given up.
 *
 * <p>The job's settings follow the warehouse's precedence ({@link JobSettings}), the application
 * cluster's configuration standing for a session's Flink settings.
 */
public final class ViewApplication {

    private static final Logger LOG = LoggerFactory.getLogger(ViewApplication.class);

    static final String USAGE =
            "Usage: ViewApplication --catalog KEY=VALUE [--catalog KEY=VALUE ...] --view"
                    + " SCHEMA.VIEW";

    private static final ConfigOption<String> KUBERNETES_CLUSTER_ID =
            ConfigOptions.key("kubernetes.cluster-id").stringType().noDefaultValue();

    private static final Duration POLL = Duration.ofSeconds(1);

    private ViewApplication() {}

    public static void main(String[] args) throws Exception {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (ViewApplication.class.getClassLoader() != system && onClasspathOf(system)) {
            // Loaded from a job's jar (a FlinkSessionJob's, uploaded to a session cluster): that
            // class loader is closed once main returns, while the lease keeper runs on. Run from
            // the runtime jar of the cluster's lib/ instead, whose loader lives as long as the
            // JobManager; the job itself still carries its jar.
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(system);
            try {
                Class.forName(ViewApplication.class.getName(), true, system)
                        .getDeclaredMethod("startInThisLoader", String[].class)
                        .invoke(null, (Object) args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } finally {
                thread.setContextClassLoader(previous);
            }
            return;
        }
        startInThisLoader(args);
    }

    /**
     * {@link #main} in the class loader that loaded this class (public: main calls it in another
     * loader's copy of this class, which is another runtime package).
     */
    public static void startInThisLoader(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        ReadableConfig cluster =
                StreamExecutionEnvironment.getExecutionEnvironment().getConfiguration();
        start(arguments, cluster);
    }

    private static boolean onClasspathOf(ClassLoader loader) {
        try {
            Class.forName(ViewApplication.class.getName(), false, loader);
            return true;
        } catch (ClassNotFoundException notThere) {
            LOG.warn(
                    "ViewApplication runs from a job's jar and the cluster's lib/ lacks {}: its"
                            + " lease keeper may fail once the job's class loader is closed. Put"
                            + " the runtime jar into lib/ (the image has it there).",
                    "streaming-ingest-runtime.jar");
            return false;
        }
    }

    /**
     * Starts the view's pipeline and returns at once: a session cluster runs {@code main} of a
     * {@code FlinkSessionJob} within a REST request, which must not wait for the job, and an
     * application cluster runs on until its job ends anyway. A daemon thread of this JobManager
     * renews the view's lease, watches the job and gives the lease up when the job ends (logging
     * why, if it failed); a JobManager shut down first gives it up on the way out, and one killed
     * leaves it to expire after {@code lease.timeout} (the same application, started again, takes
     * it at once). Returns the watching thread.
     */
    static Thread start(Arguments arguments, ReadableConfig cluster) throws Exception {
        WarehouseConfig config = WarehouseConfig.of(arguments.catalog());
        ObjectName view = arguments.view();
        String clusterId = clusterId(cluster);
        FlinkCluster flink = FlinkCluster.application(cluster);
        Warehouse warehouse = null;
        Pipelines pipelines = null;
        MaterializedViews views = null;
        JobID job;
        try {
            warehouse = new Warehouse(config, flink, sessionSettings(cluster));
            pipelines = new Pipelines(warehouse);
            views = MaterializedViews.ofApplication(warehouse, pipelines, clusterId);
            job =
                    views.runAsApplication(
                            view,
                            cluster.getOptional(CheckpointingOptions.SAVEPOINT_DIRECTORY)
                                    .orElse(null),
                            cluster.getOptional(StateRecoveryOptions.SAVEPOINT_PATH).orElse(null));
        } catch (Exception e) {
            closeQuietly(views, pipelines, warehouse, flink);
            throw e;
        }
        LOG.info(
                "Materialized view {} runs as job {} on the Flink cluster {}; warehouse: {}",
                view,
                job,
                clusterId,
                config.describeBackend());
        MaterializedViews watched = views;
        AutoCloseable[] resources = {views, pipelines, warehouse, flink};
        Thread onShutdown = new Thread(() -> watched.applicationEnded(view));
        Runtime.getRuntime().addShutdownHook(onShutdown);
        Thread watcher =
                new Thread(
                        () -> {
                            try {
                                String failure = watched.awaitApplicationEnd(view, POLL);
                                if (failure == null) {
                                    LOG.info(
                                            "The pipeline of {} was stopped with a savepoint; its"
                                                    + " lease is free.",
                                            view);
                                } else {
                                    LOG.error(failure);
                                }
                            } catch (InterruptedException stopped) {
                                Thread.currentThread().interrupt();
                            } catch (Exception e) {
                                LOG.error("Cannot watch the pipeline of {}", view, e);
                            } finally {
                                watched.applicationEnded(view);
                                try {
                                    Runtime.getRuntime().removeShutdownHook(onShutdown);
                                } catch (IllegalStateException shuttingDown) {
                                    // the hook runs and finds the lease given up
                                }
                                closeQuietly(resources);
                            }
                        },
                        "streaming-ingest view " + view);
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("Cannot close {}: {}", resource, e.getMessage());
                }
            }
        }
    }

    /**
     * Who holds the view's lease: the application cluster, by the id the operator gives it, so that
     * it stays the same across JobManager restarts.
     */
    static String clusterId(ReadableConfig cluster) {
        return cluster.getOptional(KUBERNETES_CLUSTER_ID)
                .or(() -> cluster.getOptional(HighAvailabilityOptions.HA_CLUSTER_ID))
                .orElseGet(() -> FlinkCluster.application(cluster).restAddress().getAuthority());
    }

    /** The application cluster's values of Flink's keys that a session may set for pipelines. */
    static Map<String, String> sessionSettings(ReadableConfig cluster) {
        Map<String, String> all =
                cluster instanceof Configuration configuration ? configuration.toMap() : Map.of();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : JobSettings.SESSION_KEYS) {
            if (all.containsKey(key)) {
                settings.put(key, all.get(key));
            }
        }
        return settings;
    }

    /** The program arguments: the warehouse catalog's options and the view. */
    record Arguments(Map<String, String> catalog, ObjectName view) {

        static Arguments parse(String... args) {
            Map<String, String> catalog = new LinkedHashMap<>();
            ObjectName view = null;
            List<String> list = List.of(args);
            for (int i = 0; i < list.size(); i++) {
                String arg = list.get(i);
                if (!arg.equals("--catalog") && !arg.equals("--view")) {
                    throw invalid("Unknown argument '" + arg + "'.");
                }
                if (i + 1 >= list.size()) {
                    throw invalid(arg + " needs a value.");
                }
                String value = list.get(++i);
                if (arg.equals("--view")) {
                    if (view != null) {
                        throw invalid("--view is given twice: an application runs one view.");
                    }
                    view = ViewNames.parse(value);
                } else {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw invalid("--catalog expects KEY=VALUE, got '" + value + "'.");
                    }
                    catalog.put(value.substring(0, eq).trim(), value.substring(eq + 1).trim());
                }
            }
            if (view == null) {
                throw invalid("--view names the materialized view to run, such as public.my_view.");
            }
            if (!catalog.containsKey("warehouse")) {
                throw invalid(
                        "--catalog warehouse=... names the warehouse (a path or s3:// URI), as"
                                + " the CLI's --warehouse does.");
            }
            return new Arguments(Map.copyOf(catalog), view);
        }

        private static IllegalArgumentException invalid(String message) {
            return new IllegalArgumentException(message + " " + USAGE);
        }
    }
}
