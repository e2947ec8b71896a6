package org.streamingest.connector.kinesis.source;

import org.apache.flink.util.CloseableIterator;

import java.util.ArrayList;
import java.util.List;

/** What a test job has delivered so far, exactly once. */
interface JobOutput extends AutoCloseable {

    /** A copy of the records delivered so far. */
    List<ReadRecord> records();

    @Override
    void close();

    /**
     * The collect sink ({@code DataStream#collectAsync}) drained by a background thread. With
     * exactly-once checkpointing Flink uses a {@code CheckpointedCollectResultBuffer}: only results
     * of completed checkpoints become visible, and after a restart the buffer goes back to the last
     * checkpoint, so a restore from a checkpoint never shows a record twice.
     */
    final class Collected implements JobOutput {
        private final CloseableIterator<ReadRecord> iterator;
        private final List<ReadRecord> records = new ArrayList<>();
        private final Thread drainer;

        Collected(CloseableIterator<ReadRecord> iterator) {
            this.iterator = iterator;
            this.drainer = new Thread(this::drain, "collect-drainer");
            this.drainer.setDaemon(true);
        }

        void start() {
            drainer.start();
        }

        private void drain() {
            try {
                while (iterator.hasNext()) {
                    ReadRecord record = iterator.next();
                    synchronized (records) {
                        records.add(record);
                    }
                }
            } catch (RuntimeException jobEnded) {
                // The job was cancelled or failed; the test looks at the job's result for that.
            }
        }

        @Override
        public List<ReadRecord> records() {
            synchronized (records) {
                return new ArrayList<>(records);
            }
        }

        @Override
        public void close() {
            try {
                iterator.close();
                drainer.join(10_000);
            } catch (Exception e) {
                throw new IllegalStateException("Could not close the collect iterator", e);
            }
        }
    }

    /** The records a {@link CommittingTestSink} committed. */
    final class Committed implements JobOutput {
        private final String outputId;

        Committed(String outputId) {
            this.outputId = outputId;
        }

        @Override
        public List<ReadRecord> records() {
            return CommittedRecords.committed(outputId);
        }

        /** Every record the writers received, committed or not. */
        List<ReadRecord> written() {
            return CommittedRecords.written(outputId);
        }

        @Override
        public void close() {}
    }
}
