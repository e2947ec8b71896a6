package org.streamingest.job.cluster;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;

/**
 * Waits until a freshly started {@link StandaloneCluster} can run jobs: its own JobManager answers
 * on the REST port (the marker in {@code /jobmanager/config} rules out another process holding the
 * port) and {@code /overview} shows one TaskManager with every slot free. Polls, never sleeps a
 * fixed time; gives up when a process exits or after {@link #TIMEOUT}.
 */
final class ClusterReadiness {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final long POLL_MILLIS = 100;

    private final StandaloneCluster cluster;

    ClusterReadiness(StandaloneCluster cluster) {
        this.cluster = cluster;
    }

    /** Null when ready, else why not. */
    String await() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String last = "no answer on " + cluster.rest().address();
        try {
            while (System.nanoTime() < deadline) {
                for (FlinkProcess process : cluster.processes()) {
                    if (!process.isAlive()) {
                        return "the " + process.name() + " exited during start-up";
                    }
                }
                try {
                    if (!cluster.answersWithMarker()) {
                        return "another process answers on " + cluster.rest().address();
                    }
                    JsonNode overview = cluster.rest().get("/overview");
                    int taskManagers = overview.path("taskmanagers").asInt();
                    int free = overview.path("slots-available").asInt();
                    if (taskManagers == 1 && free == cluster.slots()) {
                        return null;
                    }
                    last = taskManagers + " TaskManager(s), " + free + " free slot(s)";
                } catch (IOException notYet) {
                    last = notYet.getMessage() == null ? notYet.toString() : notYet.getMessage();
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return "not ready within " + TIMEOUT.toSeconds() + " s (last: " + last + ")";
    }
}
