package org.streamingest.connector.kinesis.source;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.fail;

/**
 * A running test job that reads one stream through {@link KinesisSource}: waits for its output, its
 * failure or its savepoint, and cancels it on {@link #close()}. Built by {@link SourceJobBuilder}.
 */
final class SourceJob implements AutoCloseable {

    private final JobClient client;
    private final JobOutput output;

    SourceJob(JobClient client, JobOutput output) {
        this.client = client;
        this.output = output;
    }

    /** Starts describing a job reading {@code stream} (name or ARN) from a local server. */
    static SourceJobBuilder reading(String stream, URI endpoint) {
        return new SourceJobBuilder(stream, endpoint);
    }

    JobID jobId() {
        return client.getJobID();
    }

    JobStatus status() {
        try {
            return client.getJobStatus().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not get the status of job " + jobId(), e);
        }
    }

    /**
     * Waits until the job is RUNNING. The scheduler starts the operator coordinators, and with them
     * the source's enumerator, before the job switches to RUNNING.
     */
    SourceJob awaitRunning(Duration timeout) {
        Poll.until(
                timeout,
                "job " + jobId() + " RUNNING",
                () -> checkNotTerminal() == JobStatus.RUNNING);
        return this;
    }

    /** The output so far. */
    List<ReadRecord> records() {
        return output.records();
    }

    /**
     * Waits until at least {@code count} records were delivered; fails early, with the job's
     * failure, if the job ends.
     */
    List<ReadRecord> awaitRecords(int count, Duration timeout) {
        Poll.until(
                timeout,
                () -> count + " records from job " + jobId() + ", have " + records().size(),
                () -> {
                    if (output.records().size() >= count) {
                        return true;
                    }
                    checkNotTerminal();
                    return false;
                });
        return records();
    }

    private JobStatus checkNotTerminal() {
        JobStatus status = status();
        if (status.isGloballyTerminalState()) {
            fail("Job " + jobId() + " ended with " + status + ": " + failureOrNull());
        }
        return status;
    }

    private Throwable failureOrNull() {
        try {
            client.getJobExecutionResult().get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            return e;
        }
    }

    /** Waits until the job fails and returns why; fails if it ends any other way. */
    Throwable awaitFailure(Duration timeout) {
        try {
            client.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("Job " + jobId() + " did not fail within " + timeout, e);
        }
        throw new AssertionError("Job " + jobId() + " finished instead of failing");
    }

    /**
     * Stops the job with a savepoint in {@code dir} (no drain: sources just stop) and waits until
     * it finished; returns the savepoint's path.
     */
    String stopWithSavepoint(Path dir, Duration timeout) throws Exception {
        String path =
                client.stopWithSavepoint(
                                false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        client.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return path;
    }

    /** Cancels the job unless it already ended, and waits until it did. */
    @Override
    public void close() throws Exception {
        try {
            if (!status().isGloballyTerminalState()) {
                client.cancel().get(30, TimeUnit.SECONDS);
            }
            Poll.until(
                    Duration.ofSeconds(30),
                    "job " + jobId() + " to end",
                    () -> status().isGloballyTerminalState());
        } finally {
            output.close();
        }
    }
}
