package org.streamingest.warehouse.view;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseCatalogOptions;

import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Types;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One lease per materialized view, so that only one process runs or refreshes a view's pipeline at
 * a time, on any machine. The leases are properties of one Iceberg table of the warehouse, {@code
 * pg_catalog.$leases} ({@code lease.<schema>.<view>} = a {@link Lease}), changed only by
 * compare-and-swap commits of its metadata: a commit based on a version that someone else has
 * changed meanwhile fails, and the change is decided again on the new version. So two processes can
 * never both take a lease, whatever the catalog backend (the Hadoop backend's commits are made
 * atomic across processes by {@link org.streamingest.warehouse.catalog.LocalFileLockManager}).
 *
 * <p>The holder renews its leases every third of their timeout. A holder that died stops renewing,
 * and its leases expire after the timeout: the next process takes the view over from its newest
 * completed snapshot. A holder that cannot renew for half the timeout (the catalog is unreachable)
 * or finds a lease taken over counts it as {@link #lost()}: it must stop the view's pipeline before
 * another process may start one.
 */
public final class ViewLeases implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT =
            WarehouseCatalogOptions.LEASE_TIMEOUT.defaultValue();

    static final TableIdentifier ID =
            TableIdentifier.of(Namespace.of(SystemViews.PG_CATALOG), "$leases");
    private static final String KEY_PREFIX = "lease.";
    private static final Schema SCHEMA =
            new Schema(Types.NestedField.optional(1, "unused", Types.IntegerType.get()));

    private final Catalog iceberg;
    private final Duration timeout;
    private final Lease me;
    private final Set<ObjectName> held = new LinkedHashSet<>();
    private final Set<ObjectName> lost = new LinkedHashSet<>();
    private final Map<ObjectName, Lease> leftBehind = new HashMap<>();
    private final ScheduledExecutorService renewer;
    private Instant lastRenewed = Instant.now();
    private volatile boolean paused;

    /** The leases of a session of this process: a holder no other session or process shares. */
    ViewLeases(Catalog iceberg, Duration timeout) {
        this(
                iceberg,
                timeout,
                new Lease(
                        hostName(),
                        ProcessHandle.current().pid(),
                        UUID.randomUUID().toString().substring(0, 8),
                        Instant.now(),
                        Instant.now(),
                        timeout));
    }

    /**
     * The leases of the Flink application cluster {@code clusterId} that runs a view's pipeline
     * ({@link Lease#application}): the holder is the cluster, not its JobManager process, so a
     * JobManager that the operator starts again after a failure holds the lease its predecessor
     * held, while another application cluster or any other process is refused.
     */
    static ViewLeases ofApplication(Catalog iceberg, Duration timeout, String clusterId) {
        return new ViewLeases(iceberg, timeout, Lease.application(clusterId, timeout));
    }

    private ViewLeases(Catalog iceberg, Duration timeout, Lease me) {
        this.iceberg = iceberg;
        this.timeout = timeout;
        this.me = me;
        this.renewer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "streaming-ingest lease renewal");
                            t.setDaemon(true);
                            return t;
                        });
        long period = Math.max(100, timeout.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lease of {@code view} for {@code operation} (what the caller is about to do, for
     * the message) unless this session holds it already; returns the holder whose expired lease it
     * took over, if any. Throws a {@link WarehouseException} naming the holder if another live
     * process holds it.
     */
    public synchronized Optional<Lease> acquire(ObjectName view, String operation) {
        Optional<Lease> previous = take(view);
        if (previous.isPresent() && !previous.get().expired(Instant.now())) {
            Lease holder = previous.get();
            throw new WarehouseException(
                    "Cannot "
                            + operation
                            + ": materialized view "
                            + view
                            + " is held by another process, "
                            + holder.describe()
                            + ", which runs or refreshes its pipeline. "
                            + (holder.isApplication()
                                    ? "Suspend that application (job.state: suspended in its"
                                            + " FlinkDeployment or FlinkSessionJob) to refresh the"
                                            + " view elsewhere"
                                    : "Run the statement there, or stop that process")
                            + "; if it died, its lease expires "
                            + holder.timeout().toSeconds()
                            + " s after its last renewal ("
                            + holder.renewed()
                            + ").");
        }
        return previous;
    }

    /** Takes the lease of {@code view} if it is free, expired or this session's; else false. */
    public synchronized boolean tryAcquire(ObjectName view) {
        Optional<Lease> previous = take(view);
        return previous.isEmpty() || previous.get().expired(Instant.now());
    }

    /**
     * Takes the lease unless another live holder has it; returns that holder, or the expired one
     * taken over, or empty if it was free or this session's.
     */
    private Optional<Lease> take(ObjectName view) {
        String key = key(view);
        Lease[] before = new Lease[1];
        update(
                properties -> {
                    Instant now = Instant.now();
                    String current = properties.get(key);
                    before[0] = current == null ? null : Lease.decode(current);
                    if (before[0] != null && before[0].sameHolder(me)) {
                        before[0] = null;
                    } else if (before[0] != null && !before[0].expired(now)) {
                        return null; // held: change nothing
                    }
                    Map<String, String> changed = new HashMap<>(properties);
                    Lease mine = new Lease(me.host(), me.pid(), me.session(), now, now, timeout);
                    changed.put(key, mine.encode());
                    return changed;
                });
        Lease previous = before[0];
        if (previous == null || previous.expired(Instant.now())) {
            held.add(view);
            lost.remove(view);
            if (previous != null && previous.namesJob()) {
                leftBehind.put(view, previous);
            }
        }
        return Optional.ofNullable(previous);
    }

    /**
     * Records in the lease of {@code view}, which this session holds, the Flink job that runs its
     * pipeline on {@code cluster} ({@code null}: none runs any more), so that every process sees
     * where the view runs.
     */
    public synchronized void recordJob(ObjectName view, String job, String cluster) {
        if (!held.contains(view)) {
            return;
        }
        updateMine(
                view,
                lease ->
                        lease.running(job == null ? "" : job, job == null ? "" : cluster).encode());
    }

    /**
     * Gives up the lease of {@code view}, if this session holds it, leaving its record of the job
     * that still runs the view's pipeline ({@link Lease#leftRunning}).
     */
    public synchronized void releaseRunning(ObjectName view) {
        if (!held.remove(view)) {
            return;
        }
        updateMine(view, lease -> lease.leftRunning().encode());
    }

    /** Gives up the lease of {@code view}, if this session holds it. */
    public synchronized void release(ObjectName view) {
        if (!held.remove(view)) {
            return;
        }
        updateMine(view, lease -> null);
    }

    /**
     * Replaces the lease of {@code view} by {@code change} of it (removes it when that is {@code
     * null}) if it is still this session's; leaves a lease someone else took alone.
     */
    private void updateMine(ObjectName view, Function<Lease, String> change) {
        String key = key(view);
        update(
                properties -> {
                    String current = properties.get(key);
                    if (current == null || !Lease.decode(current).sameHolder(me)) {
                        return null;
                    }
                    Map<String, String> changed = new HashMap<>(properties);
                    String replaced = change.apply(Lease.decode(current));
                    if (replaced == null) {
                        changed.remove(key);
                    } else {
                        changed.put(key, replaced);
                    }
                    return changed;
                });
    }

    /**
     * The expired lease this session took over for {@code view} if it still named a running job
     * (its holder went away, leaving its pipeline on a session cluster): the caller stops that job
     * before it runs the view's pipeline itself. Empty after the first call.
     */
    public synchronized Optional<Lease> takeLeftBehind(ObjectName view) {
        return Optional.ofNullable(leftBehind.remove(view));
    }

    /** True if this session holds the lease of {@code view}. */
    public synchronized boolean holds(ObjectName view) {
        return held.contains(view);
    }

    /** The views whose lease this session lost since the last call: stop their pipelines. */
    public synchronized Set<ObjectName> lost() {
        Set<ObjectName> drained = new LinkedHashSet<>(lost);
        lost.clear();
        return drained;
    }

    /** Every lease of the warehouse, live or expired, by view. */
    public Map<ObjectName, Lease> all() {
        return leases(table().properties());
    }

    /** Every lease of the warehouse in {@code iceberg}, without taking part in any. */
    static Map<ObjectName, Lease> read(Catalog iceberg) {
        return iceberg.tableExists(ID) ? leases(iceberg.loadTable(ID).properties()) : Map.of();
    }

    private static Map<ObjectName, Lease> leases(Map<String, String> properties) {
        Map<ObjectName, Lease> all = new LinkedHashMap<>();
        properties.forEach(
                (key, value) -> {
                    if (key.startsWith(KEY_PREFIX)) {
                        all.put(view(key), Lease.decode(value));
                    }
                });
        return all;
    }

    /** Renews every lease this session holds, in one commit; counts the ones taken as lost. */
    private synchronized void renew() {
        if (paused) {
            return;
        }
        if (held.isEmpty()) {
            lastRenewed = Instant.now();
            return;
        }
        try {
            Set<ObjectName> taken = new LinkedHashSet<>();
            update(
                    properties -> {
                        taken.clear();
                        Map<String, String> changed = new HashMap<>(properties);
                        Instant now = Instant.now();
                        for (ObjectName view : held) {
                            String current = properties.get(key(view));
                            if (current == null || !Lease.decode(current).sameHolder(me)) {
                                taken.add(view);
                            } else {
                                changed.put(
                                        key(view), Lease.decode(current).renewedAt(now).encode());
                            }
                        }
                        return changed;
                    });
            lastRenewed = Instant.now();
            held.removeAll(taken);
            lost.addAll(taken);
        } catch (RuntimeException unreachable) {
            if (Instant.now().isAfter(lastRenewed.plus(timeout.dividedBy(2)))) {
                lost.addAll(held); // stop before anyone may take them over
                held.clear();
            }
        }
    }

    /**
     * Applies {@code change} to the lease table's properties as one compare-and-swap commit,
     * deciding again on the newest version when another commit came first. A change that returns
     * {@code null} commits nothing.
     */
    private void update(UnaryOperator<Map<String, String>> change) {
        TableOperations ops = operations();
        for (int attempt = 1; ; attempt++) {
            TableMetadata base = ops.refresh();
            Map<String, String> changed = change.apply(base.properties());
            if (changed == null || changed.equals(base.properties())) {
                return;
            }
            try {
                ops.commit(base, base.replaceProperties(changed));
                return;
            } catch (CommitFailedException raced) {
                if (attempt >= 50) {
                    throw new WarehouseException(
                            "Cannot update the view leases in the catalog: "
                                    + raced.getMessage()
                                    + ". Retry the statement.",
                            raced);
                }
                sleepQuietly(ThreadLocalRandom.current().nextLong(5, 50));
            }
        }
    }

    private TableOperations operations() {
        return ((HasTableOperations) table()).operations();
    }

    private org.apache.iceberg.Table table() {
        if (iceberg.tableExists(ID)) {
            return iceberg.loadTable(ID);
        }
        SupportsNamespaces namespaces = (SupportsNamespaces) iceberg;
        if (!namespaces.namespaceExists(ID.namespace())) {
            try {
                namespaces.createNamespace(ID.namespace());
            } catch (AlreadyExistsException createdMeanwhile) {
                // another process created it
            }
        }
        try {
            return iceberg.createTable(
                    ID, SCHEMA, PartitionSpec.unpartitioned(), ViewTables.TABLE_PROPERTIES);
        } catch (AlreadyExistsException createdMeanwhile) {
            return iceberg.loadTable(ID);
        }
    }

    /** Tests: stops renewing until {@link #resumeRenewal}, as a process that stalls would. */
    void pauseRenewal() {
        paused = true;
    }

    void resumeRenewal() {
        paused = false;
    }

    /** Tests: stops renewing and forgets its leases without giving them up, as a killed process. */
    synchronized void abandon() {
        renewer.shutdownNow();
        held.clear();
    }

    /** Stops renewing and gives up every lease this session holds. */
    @Override
    public void close() {
        renewer.shutdownNow();
        for (ObjectName view : Set.copyOf(held)) {
            try {
                release(view);
            } catch (RuntimeException e) {
                // it expires by itself
            }
        }
    }

    private static String key(ObjectName view) {
        return KEY_PREFIX + encode(view.schema()) + "." + encode(view.name());
    }

    private static ObjectName view(String key) {
        String rest = key.substring(KEY_PREFIX.length());
        int dot = rest.indexOf('.');
        return new ObjectName(decode(rest.substring(0, dot)), decode(rest.substring(dot + 1)));
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace(".", "%2E");
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            return "localhost";
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
