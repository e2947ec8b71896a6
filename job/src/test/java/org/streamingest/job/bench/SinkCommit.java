package org.streamingest.job.bench;

import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.DataWriter;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Commits to a view's Iceberg table what its pipeline's sink commits at a checkpoint with one
 * writer: one Parquet data file of the rows of that checkpoint, written with the table's schema and
 * write properties under its data location, appended with {@link Table#newAppend()} (a merging
 * append, as Flink's Iceberg committer does) carrying the committer's summary properties (job id,
 * operator id, {@code flink.max-committed-checkpoint-id}).
 */
final class SinkCommit {

    /**
     * Runs the manifest work of a commit in the committing thread. Flink's committer gives it a
     * pool of its own ({@code flink.iceberg.worker-pool-size}); Iceberg's shared one, with two
     * threads here, would have the two committing threads wait for each other (and poll every 10
     * ms). Which thread writes a manifest does not change it.
     */
    private static final ExecutorService IN_THIS_THREAD =
            new AbstractExecutorService() {
                @Override
                public void execute(Runnable command) {
                    command.run();
                }

                @Override
                public void shutdown() {}

                @Override
                public List<Runnable> shutdownNow() {
                    return List.of();
                }

                @Override
                public boolean isShutdown() {
                    return false;
                }

                @Override
                public boolean isTerminated() {
                    return false;
                }

                @Override
                public boolean awaitTermination(long timeout, TimeUnit unit) {
                    return true;
                }
            };

    private final Table table;
    private final String jobId = UUID.randomUUID().toString().replace("-", "");
    private final String operatorId = UUID.randomUUID().toString().replace("-", "");
    private final GenericAppenderFactory writers;
    private long checkpoint;
    private long nanos;
    private int timed;

    SinkCommit(Table table) {
        this.table = table;
        this.writers = new GenericAppenderFactory(table.schema(), table.spec());
        writers.setAll(table.properties());
    }

    /** Writes {@code rows} into one data file and commits it as the next checkpoint's snapshot. */
    void commit(List<Record> rows) throws IOException {
        long start = System.nanoTime();
        checkpoint++;
        String name =
                String.format("00000-0-%s-%05d.parquet", operatorId.substring(0, 8), checkpoint);
        DataWriter<Record> writer =
                writers.newDataWriter(
                        EncryptedFiles.plainAsEncryptedOutput(
                                table.io()
                                        .newOutputFile(
                                                table.locationProvider().newDataLocation(name))),
                        FileFormat.PARQUET,
                        null);
        try (DataWriter<Record> open = writer) {
            rows.forEach(open::write);
        }
        DataFile file = writer.toDataFile();
        AppendFiles append = table.newAppend().scanManifestsWith(IN_THIS_THREAD);
        append.appendFile(file);
        append.set("flink.job-id", jobId);
        append.set("flink.operator-id", operatorId);
        append.set("flink.max-committed-checkpoint-id", Long.toString(checkpoint));
        append.commit();
        nanos += System.nanoTime() - start;
        timed++;
    }

    /** The mean time of a commit (writing the file and committing) since the last call, in ms. */
    double meanMillis() {
        double mean = timed == 0 ? 0 : nanos / 1e6 / timed;
        nanos = 0;
        timed = 0;
        return mean;
    }
}
