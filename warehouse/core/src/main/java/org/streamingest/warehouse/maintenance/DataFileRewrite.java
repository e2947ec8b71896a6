package org.streamingest.warehouse.maintenance;

import org.streamingest.warehouse.WarehouseException;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.apache.iceberg.CombinedScanTask;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFilesActionResult;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.flink.actions.RewriteDataFilesAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * Rewrites a table's small data files into files of about a target size with Iceberg's Flink action
 * ({@link RewriteDataFilesAction}: a bounded Flink job reads the files of each bin, with their
 * deletes applied, and writes new ones), then drops the delete files that apply to no data file any
 * more ({@link DanglingDeletes}): an upserting view's deletes are folded into its data.
 *
 * <p>The view's pipeline keeps committing meanwhile. The rewrite is one Iceberg {@code
 * RewriteFiles} commit, validated from the snapshot it planned on, and keeps that snapshot's
 * sequence number for the files it writes, so that equality deletes the view commits during the
 * rewrite still apply to them: an append or an upsert of the view never conflicts with it. A commit
 * that loses the race to the view's is retried by Iceberg on the new metadata ({@code
 * commit.retry.*} of the table); a rewrite that still cannot commit (a change that truly conflicts,
 * or commits too frequent to win) deletes what it wrote and is tried again from a new plan, up to
 * {@value #ATTEMPTS} times, and then gives up. The view's commits are never undone or delayed.
 */
public final class DataFileRewrite {

    private static final Logger LOG = LoggerFactory.getLogger(DataFileRewrite.class);

    static final int ATTEMPTS = 3;

    /**
     * What opening a file weighs when the rewrite bins files into output files. Iceberg's default
     * (4 MB, a read's cost) put at most 32 of a view's tiny commit files into one output file, so a
     * round left one file per 32 commits; a view's files are a few KB, and a compaction reads each
     * once, so they are binned by their size with a small fixed cost.
     */
    static final long OPEN_FILE_COST = 64 * 1024;

    /** What one rewrite did. */
    public record Result(
            long rewrittenDataFiles,
            long addedDataFiles,
            long rewrittenBytes,
            long removedDeleteFiles) {}

    /** A step between writing the new files and committing them (a seam for tests). */
    @FunctionalInterface
    interface BeforeCommit {
        void run() throws Exception;
    }

    private final StreamExecutionEnvironment env;
    private final BeforeCommit beforeCommit;

    /** A rewrite whose Flink job runs in {@code env}. */
    public DataFileRewrite(StreamExecutionEnvironment env) {
        this(env, () -> {});
    }

    DataFileRewrite(StreamExecutionEnvironment env, BeforeCommit beforeCommit) {
        this.env = env;
        this.beforeCommit = beforeCommit;
    }

    /** Rewrites the small files of {@code table} into files of about {@code targetBytes}. */
    public Result rewrite(Table table, long targetBytes) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Set<String> deletes = DanglingDeletes.live(table);
            try {
                RewriteDataFilesActionResult result =
                        new HookedAction(env, table, beforeCommit)
                                .targetSizeInBytes(targetBytes)
                                .splitOpenFileCost(OPEN_FILE_COST)
                                .useStartingSequenceNumber(true)
                                .execute();
                DanglingDeletes.remove(table);
                deletes.removeAll(DanglingDeletes.live(table));
                return new Result(
                        result.deletedDataFiles().size(),
                        result.addedDataFiles().size(),
                        result.deletedDataFiles().stream()
                                .mapToLong(DataFile::fileSizeInBytes)
                                .sum(),
                        deletes.size());
            } catch (CommitStateUnknownException e) {
                throw new WarehouseException(
                        "The rewrite of "
                                + table.name()
                                + " may or may not have been committed (the catalog did not"
                                + " answer): "
                                + e.getMessage()
                                + ". The table is consistent either way; run the rewrite again"
                                + " to finish it.",
                        e);
            } catch (CommitFailedException | ValidationException e) {
                LOG.info(
                        "Rewrite of {} lost to a concurrent commit (attempt {} of {}): {}",
                        table.name(),
                        attempt,
                        ATTEMPTS,
                        e.getMessage());
                last = e;
            }
        }
        throw new WarehouseException(
                "The rewrite of "
                        + table.name()
                        + " gave up after "
                        + ATTEMPTS
                        + " attempts: each conflicted with a concurrent commit ("
                        + last.getMessage()
                        + "). Nothing of the table changed and no commit of the view was affected;"
                        + " try again later.",
                last);
    }

    /** Iceberg's Flink action, with a step after the new files are written. */
    private static final class HookedAction extends RewriteDataFilesAction {

        private final BeforeCommit beforeCommit;

        HookedAction(StreamExecutionEnvironment env, Table table, BeforeCommit beforeCommit) {
            super(env, table);
            this.beforeCommit = beforeCommit;
        }

        @Override
        protected List<DataFile> rewriteDataForTasks(List<CombinedScanTask> tasks) {
            List<DataFile> written = super.rewriteDataForTasks(tasks);
            try {
                beforeCommit.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return written;
        }
    }
}
