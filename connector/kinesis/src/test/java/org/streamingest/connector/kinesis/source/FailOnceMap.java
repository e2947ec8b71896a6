package org.streamingest.connector.kinesis.source;

import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes records through, but in the first attempt of the job throws once it has passed {@code
 * after} records and a checkpoint taken after them has completed, so the restart restores a
 * checkpoint that holds real positions. With {@link #whenArmed} the records are counted only from
 * the moment the test calls {@link #arm}. Later attempts never throw. Failures are counted per id.
 */
final class FailOnceMap extends RichMapFunction<ReadRecord, ReadRecord>
        implements CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();
    private static final Set<String> ARMED = ConcurrentHashMap.newKeySet();

    private final String id;
    private final int after;
    private final boolean needsArming;
    private transient int passed;
    private transient long firstCheckpointAfter = -1;
    private transient boolean armed;

    FailOnceMap(String id, int after) {
        this(id, after, false);
    }

    private FailOnceMap(String id, int after, boolean needsArming) {
        this.id = id;
        this.after = after;
        this.needsArming = needsArming;
    }

    /** Fails after the first checkpoint that completes once {@link #arm} was called. */
    static FailOnceMap whenArmed(String id) {
        return new FailOnceMap(id, 0, true);
    }

    static void arm(String id) {
        ARMED.add(id);
    }

    /** How many subtasks threw for {@code id} so far. */
    static int failures(String id) {
        return FAILURES.getOrDefault(id, new AtomicInteger()).get();
    }

    @Override
    public ReadRecord map(ReadRecord record) {
        if (armed && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0) {
            FAILURES.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            throw new IllegalStateException(
                    "Injected test failure after " + passed + " records and a checkpoint");
        }
        passed++;
        return record;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        firstCheckpointAfter = -1;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        if (firstCheckpointAfter < 0 && passed >= after && (!needsArming || ARMED.contains(id))) {
            firstCheckpointAfter = context.getCheckpointId();
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        armed = firstCheckpointAfter >= 0 && checkpointId >= firstCheckpointAfter;
    }
}
