package org.streamingest.warehouse.view;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who runs or refreshes a view's pipeline: one process at a time holds a view's lease ({@link
 * ViewLeases}). The holder renews it well within {@code timeout}; a lease not renewed for {@code
 * timeout} is expired, and another process may take the view over.
 *
 * @param host the holder's host name
 * @param pid the holder's process id
 * @param session the holder's session within that process (a process may open several)
 * @param since when the holder took the lease
 * @param renewed when the holder last renewed it (the holder's clock)
 * @param timeout how long the lease lasts without renewal
 * @param job the Flink job of the view's running pipeline, or empty while none runs
 * @param cluster the REST address of the Flink cluster that runs {@code job}, or empty
 */
public record Lease(
        String host,
        long pid,
        String session,
        Instant since,
        Instant renewed,
        Duration timeout,
        String job,
        String cluster) {

    /** A lease with no pipeline running. */
    Lease(String host, long pid, String session, Instant since, Instant renewed, Duration timeout) {
        this(host, pid, session, since, renewed, timeout, "", "");
    }

    /** What {@link #session} is for a Flink application cluster holding a view's lease. */
    static final String APPLICATION = "application";

    /**
     * The holder that a Flink application cluster {@code clusterId} is, whichever of its JobManager
     * processes runs: {@code host} is the cluster id, there is no process id.
     */
    static Lease application(String clusterId, Duration timeout) {
        Instant now = Instant.now();
        return new Lease(clusterId, 0, APPLICATION, now, now, timeout);
    }

    /** True if a Flink application cluster holds it ({@link #application}). */
    boolean isApplication() {
        return pid == 0 && APPLICATION.equals(session);
    }

    /** True once the lease was not renewed for its timeout, at {@code now}. */
    boolean expired(Instant now) {
        return now.isAfter(renewed.plus(timeout));
    }

    /** True if {@code other} is the same holder (same session of the same process). */
    boolean sameHolder(Lease other) {
        return host.equals(other.host) && pid == other.pid && session.equals(other.session);
    }

    Lease renewedAt(Instant now) {
        return new Lease(host, pid, session, since, now, timeout, job, cluster);
    }

    /**
     * The same lease, expired at once but still naming its running job: what a holder leaves when
     * it goes away without stopping a pipeline that runs on a cluster of its own (a session
     * cluster), so that whoever takes the view next stops that job first.
     */
    Lease leftRunning() {
        return new Lease(host, pid, session, since, Instant.EPOCH, timeout, job, cluster);
    }

    /** True if the lease names a running pipeline's job. */
    boolean namesJob() {
        return !job.isEmpty();
    }

    /** The same lease, with {@code job} on {@code cluster} (empty strings: none) running. */
    Lease running(String job, String cluster) {
        return new Lease(host, pid, session, since, renewed, timeout, job, cluster);
    }

    /**
     * Who holds it, for messages: {@code host h (pid 123) since 2026-...Z}, or {@code the view
     * application on Flink cluster my-view since ...}.
     */
    public String describe() {
        if (isApplication()) {
            return "the view application on Flink cluster " + host + " since " + since;
        }
        return "host " + host + " (pid " + pid + ") since " + since;
    }

    /** As one table property value. */
    String encode() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("host", host);
        fields.put("pid", Long.toString(pid));
        fields.put("session", session);
        fields.put("since", since.toString());
        fields.put("renewed", renewed.toString());
        fields.put("timeout-ms", Long.toString(timeout.toMillis()));
        fields.put("job", job);
        fields.put("cluster", cluster);
        StringBuilder out = new StringBuilder();
        fields.forEach(
                (key, value) -> {
                    if (out.length() > 0) {
                        out.append(';');
                    }
                    out.append(key).append('=').append(value.replace(";", ""));
                });
        return out.toString();
    }

    /** The lease {@link #encode} wrote; unreadable values count as expired long ago. */
    static Lease decode(String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : value.split(";")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        try {
            return new Lease(
                    fields.getOrDefault("host", "?"),
                    Long.parseLong(fields.getOrDefault("pid", "-1")),
                    fields.getOrDefault("session", "?"),
                    Instant.parse(fields.get("since")),
                    Instant.parse(fields.get("renewed")),
                    Duration.ofMillis(Long.parseLong(fields.get("timeout-ms"))),
                    fields.getOrDefault("job", ""),
                    fields.getOrDefault("cluster", ""));
        } catch (RuntimeException unreadable) {
            return new Lease("?", -1, "?", Instant.EPOCH, Instant.EPOCH, Duration.ZERO);
        }
    }
}
