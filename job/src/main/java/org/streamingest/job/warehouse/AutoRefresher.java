package org.streamingest.job.warehouse;

import org.streamingest.job.sql.ObjectName;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;

/**
 * Keeps the session's AUTO REFRESH YES views going. Every {@link #INTERVAL} a session thread:
 *
 * <ul>
 *   <li>reports, as soon as it happens, a view pipeline that failed by itself (a record it cannot
 *       process stops a view, as in Redshift): the message names the record and what to do, and the
 *       view resumes from its last checkpoint once altered;
 *   <li>looks at the inputs of every AUTO REFRESH YES derived view and recomputes the view when one
 *       changed data ({@link DerivedRefresh}), as Redshift refreshes such a view soon after a base
 *       table changes. A view over an AUTO REFRESH YES view on a stream is thus fresh about one
 *       commit interval plus one recompute after its records reach the stream.
 * </ul>
 *
 * <p>Each round holds the session's statement lock, so a recompute never overlaps a statement that
 * alters or drops the view. A failed recompute is reported once per distinct reason to the progress
 * listener and retried on the next round; the view keeps its last committed rows.
 */
public final class AutoRefresher implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(500);

    private final MaterializedViews views;
    private final Lock statements;
    private final Consumer<String> progress;
    private final Map<ObjectName, String> lastFailure = new HashMap<>();
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "streaming-ingest auto refresh");
                        t.setDaemon(true);
                        return t;
                    });

    /** Starts refreshing; {@code statements} is held by whoever runs statements of the session. */
    public AutoRefresher(MaterializedViews views, Lock statements, Consumer<String> progress) {
        this.views = views;
        this.statements = statements;
        this.progress = progress;
        thread.scheduleWithFixedDelay(
                this::round, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        statements.lock();
        try {
            views.reapFailedPipelines()
                    .forEach((view, reason) -> progress.accept("AUTO REFRESH stopped: " + reason));
            for (Map.Entry<ObjectName, ViewDefinition> view : views.all().entrySet()) {
                if (view.getValue().autoRefresh() && view.getValue().derived()) {
                    refresh(view.getKey(), view.getValue());
                }
            }
        } catch (Exception e) {
            report(null, "auto refresh could not check the materialized views: " + e.getMessage());
        } finally {
            statements.unlock();
        }
    }

    private void refresh(ObjectName view, ViewDefinition definition) {
        try {
            DerivedRefresh.Outcome outcome = views.refreshIfStale(view, definition);
            if (outcome != null) {
                lastFailure.remove(view);
                progress.accept(
                        "auto refresh " + view + ": recomputed, " + outcome.rowsAfter() + " rows");
            }
        } catch (Exception e) {
            report(view, "auto refresh of " + view + " failed, retrying: " + e.getMessage());
        }
    }

    private void report(ObjectName view, String message) {
        if (!message.equals(lastFailure.put(view, message))) {
            progress.accept(message);
        }
    }

    /** Stops refreshing; a recompute under way finishes first. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(2, TimeUnit.MINUTES)) {
            thread.shutdownNow();
        }
    }
}
