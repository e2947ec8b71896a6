package org.streamingest.job.warehouse;

import org.streamingest.job.sql.ObjectName;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The streaming pipelines of a warehouse session: one Flink job per materialized view, a streaming
 * {@code INSERT INTO <view> <query>} named {@code mv <schema>.<view>}, written with Iceberg's v2
 * sink ({@code table.exec.iceberg.use-v2-sink=true}: the v1 sink was seen to lose rows, see
 * DESIGN.md). Every checkpoint commits one Iceberg snapshot, so AUTO REFRESH YES views checkpoint
 * every {@value #AUTO_REFRESH_INTERVAL} (override with {@code --conf
 * execution.checkpointing.interval=...}) and their rows are queryable about that long after they
 * reach the stream.
 */
public final class Pipelines implements AutoCloseable {

    static final String AUTO_REFRESH_INTERVAL = "1 s";
    static final String USE_V2_SINK = "table.exec.iceberg.use-v2-sink";

    private final Warehouse warehouse;
    private final Map<ObjectName, JobID> running = new LinkedHashMap<>();

    public Pipelines(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * Starts the pipeline of {@code view}, from {@code savepoint} if not {@code null}; {@code
     * sourceHint} is an {@code OPTIONS} hint appended to the stream's name (or empty).
     */
    public JobID start(ObjectName view, ViewDefinition definition, String savepoint) {
        Map<String, String> settings = new HashMap<>();
        settings.put(USE_V2_SINK, "true");
        settings.put(PipelineOptions.NAME.key(), "mv " + view);
        settings.put(
                CheckpointingOptions.CHECKPOINTING_INTERVAL.key(),
                warehouse
                        .flinkSettings()
                        .getOrDefault(
                                CheckpointingOptions.CHECKPOINTING_INTERVAL.key(),
                                AUTO_REFRESH_INTERVAL));
        settings.put(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(),
                warehouse.location().checkpoints());
        if (savepoint != null) {
            settings.put(StateRecoveryOptions.SAVEPOINT_PATH.key(), savepoint);
        }
        TableEnvironment env = warehouse.streaming(settings);
        TableResult result =
                env.executeSql(
                        "INSERT INTO `"
                                + view.schema()
                                + "`.`"
                                + view.name()
                                + "` "
                                + definition.flinkSql());
        JobID job =
                result.getJobClient()
                        .orElseThrow(() -> new IllegalStateException("No job for " + view))
                        .getJobID();
        running.put(view, job);
        return job;
    }

    /** The running job of {@code view}, if this session started one. */
    public Optional<JobID> job(ObjectName view) {
        return Optional.ofNullable(running.get(view));
    }

    /** Cancels the pipeline of {@code view}, if running; its uncommitted rows are discarded. */
    public void cancel(ObjectName view) throws Exception {
        JobID job = running.remove(view);
        if (job != null) {
            warehouse.cluster().client().cancel(job).get(1, TimeUnit.MINUTES);
        }
    }

    /**
     * Stops the pipeline of {@code view} with a savepoint into the view's savepoint directory and
     * returns the savepoint's path. The savepoint completes a checkpoint, whose rows the Iceberg
     * sink commits before the job ends.
     */
    public String suspend(ObjectName view) throws Exception {
        JobID job = running.remove(view);
        if (job == null) {
            throw new IllegalStateException("The pipeline of " + view + " is not running.");
        }
        return warehouse
                .cluster()
                .client()
                .stopWithSavepoint(
                        job,
                        false,
                        warehouse.location().savepoints(view.schema(), view.name()),
                        SavepointFormatType.CANONICAL)
                .get(5, TimeUnit.MINUTES);
    }

    /** The views whose pipelines this session runs. */
    public Iterable<ObjectName> views() {
        return Map.copyOf(running).keySet();
    }

    /** Cancels every pipeline still running. */
    @Override
    public void close() throws Exception {
        for (ObjectName view : views()) {
            cancel(view);
        }
    }
}
