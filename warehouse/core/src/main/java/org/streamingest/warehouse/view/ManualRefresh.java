package org.streamingest.warehouse.view;

import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.source.metrics.KinesisShardMetrics;
import org.streamingest.connector.kinesis.source.refresh.ReaderRefresh;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.pipeline.FlinkJobs;

import org.apache.flink.api.common.JobID;
import org.apache.flink.util.TimeUtils;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code REFRESH MATERIALIZED VIEW v} for a view without auto refresh, whose pipeline does not run
 * between refreshes. A refresh that begins at time T:
 *
 * <ol>
 *   <li>resumes the pipeline from the view's last savepoint (none on the first refresh) with the
 *       stream hinted {@code OPTIONS('scan.refresh.start-time'='T')}: the source stamps every row
 *       with {@code refresh_time = T} and stops each shard at the tip it had at T;
 *   <li>polls the source's task metrics until every subtask reports {@code refreshCaughtUp = 1},
 *       reporting records and per-shard lag to a progress listener; when nothing of that changed
 *       for {@link RefreshStall#TIMEOUT} it cancels the job and fails, saying so;
 *   <li>stops the job with a savepoint into the view's savepoint directory: that savepoint is the
 *       checkpoint whose Iceberg commit makes the refresh's rows visible, and the next refresh
 *       resumes from its shard positions (incremental, exactly-once);
 *   <li>records the savepoint, T and the rows added in the view's table properties.
 * </ol>
 *
 * The rows added are the rows the view changed since the snapshot it had when the REFRESH began
 * ({@link ViewChanges}), which the caller takes before it stops a running pipeline, so that what
 * that pipeline's last savepoint commits counts too: for a view that appends, the rows appended;
 * for a GROUP BY view, the groups that are new, changed or gone.
 */
final class ManualRefresh {

    static final String LAST_REFRESH_TIME = ViewDefinition.PREFIX + "last-refresh-time";
    static final String LAST_REFRESH_ROWS = ViewDefinition.PREFIX + "last-refresh-rows";
    // The refresh contract with the connector, as its own constants.
    static final String REFRESH_START_TIME = KinesisSourceOptions.REFRESH_START_TIME.key();
    static final String CAUGHT_UP = "." + KinesisShardMetrics.GROUP + "." + ReaderRefresh.CAUGHT_UP;
    static final String RECORDS = "." + KinesisShardMetrics.GROUP + "." + ReaderRefresh.RECORDS;
    static final String LAG = "." + KinesisShardMetrics.MILLIS_BEHIND_LATEST;

    private final Warehouse warehouse;
    private final Pipelines pipelines;

    ManualRefresh(Warehouse warehouse, Pipelines pipelines) {
        this.warehouse = warehouse;
        this.pipelines = pipelines;
    }

    /**
     * Refreshes {@code view} and returns the number of rows it changed since {@code before}, its
     * snapshot when the REFRESH began (null: it had none).
     */
    long refresh(
            ObjectName view, ViewDefinition definition, Snapshot before, Consumer<String> progress)
            throws Exception {
        Table table = warehouse.table(view);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long began = System.nanoTime();
        JobID job = pipelines.startRefresh(view, definition, streamOptions(start));
        long submitted = System.nanoTime();
        try {
            awaitCaughtUp(view, job, progress);
        } catch (Exception e) {
            try {
                pipelines.cancel(view);
            } catch (Exception alreadyEnded) { // a FAILED job cannot be cancelled
                e.addSuppressed(alreadyEnded);
            }
            throw e;
        }
        long caughtUp = System.nanoTime();
        pipelines.suspend(view);
        table.refresh();
        long added = ViewChanges.since(table, before);
        table.updateProperties()
                .set(LAST_REFRESH_TIME, start.toString())
                .set(LAST_REFRESH_ROWS, Long.toString(added))
                .commit();
        long done = System.nanoTime();
        progress.accept(
                String.format(
                        "refresh %s: %d rows added in %.2f s (submit %.2f s, read to the tip"
                                + " %.2f s, savepoint and commit %.2f s)",
                        view,
                        added,
                        seconds(done - began),
                        seconds(submitted - began),
                        seconds(caughtUp - submitted),
                        seconds(done - caughtUp)));
        return added;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The options of the stream for a refresh that starts at {@code start}. */
    static Map<String, String> streamOptions(Instant start) {
        return Map.of(REFRESH_START_TIME, start.toString());
    }

    /**
     * The view's Flink SQL with the refresh start-time hint on its stream, as the refresh's
     * pipeline runs it ({@link Pipelines#startRefresh}).
     */
    static String hinted(ViewDefinition definition, Instant start) {
        return TableHints.withOptions(
                definition.flinkSql(), ObjectName.parse(definition.stream()), streamOptions(start));
    }

    private void awaitCaughtUp(ObjectName view, JobID job, Consumer<String> progress)
            throws Exception {
        FlinkJobs metrics = pipelines.flink();
        RefreshStall stall = new RefreshStall(RefreshStall.TIMEOUT, System::nanoTime);
        long nextReport = 0;
        while (true) {
            String state = metrics.state(job);
            Map<String, String> seen = new TreeMap<>();
            seen.put("state", state);
            if (FlinkJobs.ended(state)) {
                throw new IllegalStateException(
                        "REFRESH of "
                                + view
                                + " failed. "
                                + IngestionFailure.message(
                                        warehouse, view, state, metrics.rootException(job)));
            }
            if (state.equals("RUNNING")) {
                Map<String, String> values =
                        metrics.metrics(
                                job,
                                id ->
                                        id.endsWith(CAUGHT_UP)
                                                || id.endsWith(RECORDS)
                                                || id.endsWith(LAG));
                int subtasks = metrics.subtasksWith(job, id -> id.endsWith(CAUGHT_UP));
                long caughtUp =
                        values.entrySet().stream()
                                .filter(e -> e.getKey().endsWith(CAUGHT_UP))
                                .filter(e -> e.getValue().equals("1"))
                                .count();
                if (subtasks > 0 && caughtUp == subtasks) {
                    return;
                }
                if (System.nanoTime() >= nextReport) {
                    progress.accept(describe(view, values));
                    nextReport = System.nanoTime() + 2_000_000_000L;
                }
                seen.putAll(values);
                seen.put("subtasks", Integer.toString(subtasks));
                if (stall.stalled(seen)) {
                    throw new IllegalStateException(
                            String.format(
                                    "REFRESH of %s made no progress for %s: %d of %d source"
                                            + " readers reported that they caught up, and no"
                                            + " record, lag or state changed (%s). The refresh"
                                            + " was cancelled and committed nothing; the view"
                                            + " keeps its rows. Run REFRESH MATERIALIZED VIEW"
                                            + " again; if it stops again, the Flink job %s's log"
                                            + " says which reader did not report.",
                                    view,
                                    TimeUtils.formatWithHighestUnit(stall.timeout()),
                                    caughtUp,
                                    subtasks,
                                    describe(view, values),
                                    job));
                }
            } else if (stall.stalled(seen)) {
                throw new IllegalStateException(
                        String.format(
                                "REFRESH of %s: its Flink job %s stayed %s for %s without"
                                        + " starting to read; the refresh was cancelled and"
                                        + " committed nothing. Check that the Flink cluster has"
                                        + " free task slots, then run REFRESH MATERIALIZED VIEW"
                                        + " again.",
                                view,
                                job,
                                state,
                                TimeUtils.formatWithHighestUnit(stall.timeout())));
            }
            Thread.sleep(100);
        }
    }

    /**
     * The progress line of a refresh of {@code view} from its source's metrics ({@code values} by
     * metric id): the records read, and how far behind the tip each shard's last read was. A shard
     * that has not been read from yet (its gauge says -1) is "lag unknown"; with no shard reporting
     * yet, the line says only the records.
     */
    static String describe(ObjectName view, Map<String, String> values) {
        long records =
                values.entrySet().stream()
                        .filter(e -> e.getKey().endsWith(RECORDS))
                        .mapToLong(e -> (long) Double.parseDouble(e.getValue()))
                        .sum();
        Map<String, String> lag = new TreeMap<>();
        values.forEach(
                (id, value) -> {
                    if (id.endsWith(LAG)) {
                        String[] parts = id.split("\\.");
                        long millis = (long) Double.parseDouble(value);
                        lag.put(
                                parts[parts.length - 2],
                                millis < 0 ? "lag unknown" : "lag " + millis + " ms");
                    }
                });
        StringBuilder line =
                new StringBuilder("refresh ")
                        .append(view)
                        .append(": ")
                        .append(records)
                        .append(" records read");
        lag.forEach((shard, text) -> line.append("; ").append(shard).append(' ').append(text));
        return line.toString();
    }
}
