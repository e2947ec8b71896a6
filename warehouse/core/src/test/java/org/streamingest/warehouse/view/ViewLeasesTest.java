package org.streamingest.warehouse.view;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.LocalFileLockManager;
import org.streamingest.warehouse.catalog.ObjectName;

import org.apache.iceberg.hadoop.HadoopCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Leases on a real Iceberg Hadoop catalog in a temporary directory, as the embedded warehouse keeps
 * them. Each {@link ViewLeases} is one session; several in one JVM stand for several processes
 * (each has its own catalog instance, so only the files on disk are shared). The two-process case
 * with real CLI processes and kill -9 is {@code TwoProcessesITCase} in the job module.
 */
class ViewLeasesTest {

    private static final ObjectName VIEW = new ObjectName("public", "my_view");

    @TempDir Path dir;

    private final List<ViewLeases> sessions = new ArrayList<>();

    @AfterEach
    void closeSessions() {
        sessions.forEach(ViewLeases::close);
    }

    @Test
    void aSecondSessionGetsAnErrorNamingTheHolder() {
        ViewLeases first = session(Duration.ofSeconds(30));
        ViewLeases second = session(Duration.ofSeconds(30));

        assertThat(first.acquire(VIEW, "refresh public.my_view")).isEmpty();
        assertThat(second.tryAcquire(VIEW)).isFalse();
        assertThatThrownBy(() -> second.acquire(VIEW, "refresh public.my_view"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Cannot refresh public.my_view")
                .hasMessageContaining("is held by another process, host ")
                .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ") since ")
                .hasMessageContaining("its lease expires 30 s after its last renewal");
        assertThat(first.holds(VIEW)).isTrue();
        assertThat(second.holds(VIEW)).isFalse();
    }

    @Test
    void aReleasedLeaseIsFreeAndAHolderMayTakeItAgain() {
        ViewLeases first = session(Duration.ofSeconds(30));
        ViewLeases second = session(Duration.ofSeconds(30));
        first.acquire(VIEW, "refresh");
        assertThat(first.acquire(VIEW, "refresh")).isEmpty(); // its own: no error

        first.release(VIEW);

        assertThat(first.all()).isEmpty();
        assertThat(second.tryAcquire(VIEW)).isTrue();
        assertThat(second.all()).containsOnlyKeys(VIEW);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRenewedLeaseOutlivesItsTimeoutAndAnAbandonedOneIsTakenOver() throws Exception {
        ViewLeases holder = session(Duration.ofMillis(900));
        ViewLeases other = session(Duration.ofMillis(900));
        holder.acquire(VIEW, "run");

        Thread.sleep(2_000); // more than twice the timeout: renewed meanwhile
        assertThat(other.tryAcquire(VIEW)).isFalse();
        assertThat(holder.lost()).isEmpty();

        holder.abandon(); // as if its process died: no renewal, no release
        Lease dead = other.all().get(VIEW);
        while (!other.tryAcquire(VIEW)) {
            Thread.sleep(50);
        }
        assertThat(other.all().get(VIEW).sameHolder(dead)).isFalse();
        assertThat(other.holds(VIEW)).isTrue();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aHolderWhoseLeaseWasTakenOverCountsItAsLost() throws Exception {
        ViewLeases holder = session(Duration.ofMillis(600));
        ViewLeases other = session(Duration.ofMillis(600));
        holder.acquire(VIEW, "run");
        holder.pauseRenewal(); // a long pause: the lease expires under it

        while (!other.tryAcquire(VIEW)) {
            Thread.sleep(50);
        }
        holder.resumeRenewal();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<ObjectName> lost = new ArrayList<>();
        while (lost.isEmpty() && System.nanoTime() < deadline) {
            lost.addAll(holder.lost());
            Thread.sleep(50);
        }
        assertThat(lost).containsExactly(VIEW);
        assertThat(holder.holds(VIEW)).isFalse();
        assertThat(other.holds(VIEW)).isTrue();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ofManySessionsRacingForOneViewExactlyOneWins() throws Exception {
        int count = 6;
        List<ViewLeases> racers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            racers.add(session(Duration.ofSeconds(30)));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Boolean>> won = new ArrayList<>();
            for (ViewLeases racer : racers) {
                won.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    return racer.tryAcquire(VIEW);
                                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> result : won) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(racers.stream().filter(r -> r.holds(VIEW))).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anApplicationClusterHoldsItsLeaseAcrossJobManagerRestartsAndOnlyIt() {
        ViewLeases jobManager = application("my-view");
        assertThat(jobManager.acquire(VIEW, "run public.my_view as a Flink application")).isEmpty();

        // a JobManager started again after kill -9 (no release) is the same holder
        jobManager.abandon();
        ViewLeases restarted = application("my-view");
        assertThat(restarted.acquire(VIEW, "run public.my_view as a Flink application")).isEmpty();
        assertThat(restarted.holds(VIEW)).isTrue();

        // another application cluster and any CLI session are refused, told how to free it
        assertThat(application("other-view-app").tryAcquire(VIEW)).isFalse();
        assertThatThrownBy(() -> session(Duration.ofSeconds(30)).acquire(VIEW, "refresh it"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining(
                        "is held by another process, the view application on Flink cluster my-view"
                                + " since ")
                .hasMessageContaining(
                        "Suspend that application (job.state: suspended in its FlinkDeployment or"
                                + " FlinkSessionJob)");
    }

    private ViewLeases application(String clusterId) {
        ViewLeases leases = ViewLeases.ofApplication(catalog(), Duration.ofSeconds(30), clusterId);
        sessions.add(leases);
        return leases;
    }

    private ViewLeases session(Duration timeout) {
        ViewLeases session = new ViewLeases(catalog(), timeout);
        sessions.add(session);
        return session;
    }

    /** A catalog instance of its own, as each process has, with the warehouse's commit lock. */
    private HadoopCatalog catalog() {
        HadoopCatalog catalog = new HadoopCatalog();
        catalog.setConf(new org.apache.hadoop.conf.Configuration());
        catalog.initialize(
                "warehouse",
                Map.of(
                        "warehouse",
                        dir.toUri().toString(),
                        "lock-impl",
                        LocalFileLockManager.class.getName()));
        return catalog;
    }
}
