package org.streamingest.warehouse.pipeline;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.table.api.TableEnvironment;

import java.util.Map;
import java.util.function.Predicate;

/**
 * What a view's pipeline needs from a Flink cluster, and all of it: start a job (from a restore
 * point set in its environment), watch it (state, task states, metrics such as the connector's
 * refresh progress, why it failed), stop it with a savepoint, cancel it. {@link RestFlinkJobs} does
 * it over Flink's REST API, for the embedded cluster and a session cluster alike.
 */
public interface FlinkJobs {

    /** Submits {@code statement} (an INSERT) in {@code env} and returns its job. */
    JobID start(TableEnvironment env, String statement);

    /** The job's state, such as RUNNING or FAILED. */
    String state(JobID job) throws Exception;

    /** True when the job and all its tasks run (savepoints and metrics are available). */
    boolean allTasksRunning(JobID job) throws Exception;

    /** The root exception of a failed job, or an empty string. */
    String rootException(JobID job) throws Exception;

    /** Values of every task metric of the job whose id matches {@code wanted}. */
    Map<String, String> metrics(JobID job, Predicate<String> wanted) throws Exception;

    /** The parallelism of the job's vertices that have a metric matching {@code wanted}. */
    int subtasksWith(JobID job, Predicate<String> wanted) throws Exception;

    /** Stops the job with a savepoint into {@code directory}; returns the savepoint's path. */
    String stopWithSavepoint(JobID job, String directory) throws Exception;

    /** Cancels the job and waits until it has ended, so that none of its tasks still writes. */
    void cancel(JobID job) throws Exception;

    /** True for a state a job never leaves: FINISHED, CANCELED or FAILED. */
    static boolean ended(String state) {
        return JobStatus.valueOf(state).isGloballyTerminalState();
    }
}
