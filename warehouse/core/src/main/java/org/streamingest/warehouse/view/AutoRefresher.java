package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.pipeline.Errors;

import java.time.Duration;
import java.time.Instant;
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
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    static final Duration TAKEOVER_INTERVAL = Duration.ofSeconds(2);

    private final MaterializedViews views;
    private final Lock statements;
    private final Consumer<String> progress;
    private final Map<ObjectName, String> lastFailure = new HashMap<>();
    private final Map<ObjectName, Long> retries = new HashMap<>();
    private long nextTakeover = System.nanoTime() + TAKEOVER_INTERVAL.toNanos();
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
            try {
                views.reapFailedPipelines()
                        .forEach(
                                (view, reason) ->
                                        progress.accept("AUTO REFRESH stopped: " + reason));
                for (ObjectName view : views.cancelLostPipelines()) {
                    progress.accept(
                            "This session lost the lease of "
                                    + view
                                    + " (it could not renew it in time): its pipeline here was"
                                    + " cancelled, and the process that takes the lease over"
                                    + " resumes it from its last checkpoint.");
                }
                Map<ObjectName, ViewDefinition> all = views.all();
                lastFailure.remove(null);
                if (System.nanoTime() >= nextTakeover) {
                    takeOver(all);
                    nextTakeover = System.nanoTime() + TAKEOVER_INTERVAL.toNanos();
                }
                for (Map.Entry<ObjectName, ViewDefinition> view : all.entrySet()) {
                    if (view.getValue().autoRefresh() && view.getValue().derived()) {
                        refresh(view.getKey(), view.getValue());
                    }
                }
            } catch (Exception e) {
                failed(
                        null,
                        "auto refresh could not check the materialized views: " + e.getMessage());
            }
        } finally {
            statements.unlock();
        }
    }

    /**
     * Resumes the pipelines of AUTO REFRESH YES views on streams that no process runs: a holder
     * that died lost its lease when it expired, and its views go on here from their newest
     * completed snapshot.
     */
    private void takeOver(Map<ObjectName, ViewDefinition> all) {
        for (Map.Entry<ObjectName, ViewDefinition> view : all.entrySet()) {
            ViewDefinition definition = view.getValue();
            if (!definition.autoRefresh()
                    || definition.derived()
                    || !views.idleHere(view.getKey())) {
                continue;
            }
            try {
                if (views.resumeUnlessHeld(view.getKey()).isEmpty()) {
                    progress.accept(
                            "resumed the pipeline of "
                                    + view.getKey()
                                    + ": no other process runs it (a holder that stopped gave up"
                                    + " its lease, or its lease expired)");
                }
            } catch (Exception e) {
                failed(
                        view.getKey(),
                        "The pipeline of "
                                + view.getKey()
                                + " cannot resume: "
                                + Errors.rootMessage(e));
            }
        }
    }

    private void refresh(ObjectName view, ViewDefinition definition) {
        Long retryAt = retries.get(view);
        if (retryAt != null && System.nanoTime() < retryAt) {
            return;
        }
        Instant start = Instant.now();
        try {
            DerivedRefresh.Outcome outcome = views.refreshIfStale(view, definition);
            retries.remove(view);
            lastFailure.remove(view);
            if (outcome != null) {
                progress.accept(
                        "auto refresh " + view + ": recomputed, " + outcome.rowsAfter() + " rows");
            }
        } catch (Exception e) {
            retries.put(view, System.nanoTime() + RETRY_AFTER.toNanos());
            String message = Errors.rootMessage(e);
            if (failed(
                    view,
                    "auto refresh of "
                            + view
                            + " failed, retrying in "
                            + RETRY_AFTER.toSeconds()
                            + " s: "
                            + message)) {
                views.autoRefreshFailed(view, start, e); // history: once per distinct reason
            }
        }
    }

    /** Reports {@code message} unless it was the last one for {@code view}; true if it was new. */
    private boolean failed(ObjectName view, String message) {
        if (message.equals(lastFailure.put(view, message))) {
            return false;
        }
        progress.accept(message);
        return true;
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
