package org.streamingest.connector.kinesis.testutils;

import org.streamingest.connector.kinesis.proxy.FanOutProxy;
import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.RecordBatch;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.connector.kinesis.source.split.StartingPosition;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * An in-memory {@link FanOutProxy}: shards are lists of records, and each SubscribeToShard call
 * streams the records after its starting position on its own thread, one event at a time (the next
 * only after the handler returned), like the SDK does. A reader that re-subscribes from a wrong
 * position therefore sees duplicates or gaps. Faults are scripted per shard for the next calls;
 * consumer registration is a map.
 */
public final class FakeFanOutProxy implements FanOutProxy {

    /** One SubscribeToShard call as the fake saw it. */
    public static final class Call {
        public final String consumerArn;
        public final String shardId;
        public final StartingPosition position;
        public final long startedAtNanos;
        public final CompletableFuture<Void> future = new CompletableFuture<>();
        public final AtomicInteger eventsDelivered = new AtomicInteger();

        /** Longest time one onBatch call held the delivering (I/O) thread. */
        public final AtomicLong longestHandlerNanos = new AtomicLong();

        Call(String consumerArn, String shardId, StartingPosition position, long at) {
            this.consumerArn = consumerArn;
            this.shardId = shardId;
            this.position = position;
            this.startedAtNanos = at;
        }

        public boolean cancelled() {
            return future.isCancelled();
        }
    }

    private enum Fault {
        HANG,
        FAIL
    }

    private static final class Shard {
        final List<KinesisRecord> records = new ArrayList<>();
        final Deque<Object[]> faults = new ArrayDeque<>();
        boolean ended;
    }

    private final LongSupplier clock;
    private final Map<String, Shard> shards = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ExecutorService deliverers =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread t = new Thread(r, "fake-efo-delivery");
                        t.setDaemon(true);
                        return t;
                    });
    private final Map<String, String> consumers = new HashMap<>();
    private volatile int recordsPerEvent = 2;
    private volatile int eventsPerSubscription = Integer.MAX_VALUE;
    private volatile boolean closed;
    private int consumerNotFoundAnswers;
    private RuntimeException consumerCallError;
    public final AtomicInteger registerCalls = new AtomicInteger();
    public final AtomicInteger describeCalls = new AtomicInteger();
    public final AtomicInteger deregisterCalls = new AtomicInteger();

    public FakeFanOutProxy(LongSupplier clock) {
        this.clock = clock;
    }

    // ---- shard data and behaviour ---------------------------------------------------------

    /** Appends records whose payloads are the given strings; sequence numbers grow. */
    public void putRecords(String shardId, String... payloads) {
        Shard shard = shard(shardId);
        synchronized (shard) {
            for (String payload : payloads) {
                String seq = String.format("49%030d", shard.records.size() + 1);
                shard.records.add(
                        new KinesisRecord(
                                "pk",
                                seq,
                                Instant.ofEpochMilli(1_700_000_000_000L),
                                payload.getBytes(StandardCharsets.UTF_8)));
            }
            shard.notifyAll();
        }
    }

    /** Closes the shard: the event carrying its last record reports the shard end. */
    public void endShard(String shardId) {
        Shard shard = shard(shardId);
        synchronized (shard) {
            shard.ended = true;
            shard.notifyAll();
        }
    }

    public void setRecordsPerEvent(int n) {
        recordsPerEvent = n;
    }

    /** After this many events a subscription completes normally (AWS does after ~5 min). */
    public void setEventsPerSubscription(int n) {
        eventsPerSubscription = n;
    }

    /** The next SubscribeToShard call on the shard fails with {@code error} before any event. */
    public void failNextSubscribe(String shardId, RuntimeException error) {
        Shard shard = shard(shardId);
        synchronized (shard) {
            shard.faults.add(new Object[] {Fault.FAIL, error});
        }
    }

    /** The next SubscribeToShard call on the shard never delivers an event. */
    public void hangNextSubscribe(String shardId) {
        Shard shard = shard(shardId);
        synchronized (shard) {
            shard.faults.add(new Object[] {Fault.HANG, null});
        }
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String shardId) {
        return calls.stream().filter(c -> c.shardId.equals(shardId)).toList();
    }

    public boolean isClosed() {
        return closed;
    }

    // ---- consumers --------------------------------------------------------------------------

    /** A consumer that exists before the job (SELF_MANAGED). */
    public synchronized void addConsumer(StreamId stream, String name) {
        consumers.put(stream.name() + "/" + name, arn(stream, name));
    }

    public synchronized boolean hasConsumer(StreamId stream, String name) {
        return consumers.containsKey(stream.name() + "/" + name);
    }

    /** The next {@code n} describe calls answer "not found", like a consumer still CREATING. */
    public synchronized void answerNotFoundFor(int n) {
        consumerNotFoundAnswers = n;
    }

    /** Every following register, describe and deregister call throws {@code error}. */
    public synchronized void failConsumerCallsWith(RuntimeException error) {
        consumerCallError = error;
    }

    @Override
    public synchronized String registerConsumer(StreamId stream, String consumerName) {
        registerCalls.incrementAndGet();
        throwIfFailing();
        return consumers.computeIfAbsent(
                stream.name() + "/" + consumerName, k -> arn(stream, consumerName));
    }

    @Override
    public synchronized String describeConsumer(StreamId stream, String consumerName) {
        describeCalls.incrementAndGet();
        throwIfFailing();
        String arn = consumers.get(stream.name() + "/" + consumerName);
        if (consumerNotFoundAnswers > 0 || arn == null) {
            consumerNotFoundAnswers = Math.max(0, consumerNotFoundAnswers - 1);
            throw new StreamNotFoundException(
                    "Consumer " + consumerName + " of stream " + stream.name() + " not found",
                    null);
        }
        return arn;
    }

    @Override
    public synchronized void deregisterConsumer(StreamId stream, String consumerName) {
        deregisterCalls.incrementAndGet();
        throwIfFailing();
        consumers.remove(stream.name() + "/" + consumerName);
    }

    private void throwIfFailing() {
        if (consumerCallError != null) {
            throw consumerCallError;
        }
    }

    private static String arn(StreamId stream, String name) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/"
                + stream.name()
                + "/consumer/"
                + name
                + ":1";
    }

    // ---- subscriptions ----------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> subscribeToShard(
            String consumerArn,
            String shardId,
            StartingPosition position,
            SubscriptionHandler handler) {
        if (closed) {
            throw new IllegalStateException("subscribeToShard on a closed proxy");
        }
        Call call = new Call(consumerArn, shardId, position, clock.getAsLong());
        calls.add(call);
        Shard shard = shard(shardId);
        Object[] fault;
        synchronized (shard) {
            fault = shard.faults.poll();
        }
        if (fault != null && fault[0] == Fault.FAIL) {
            call.future.completeExceptionally((Throwable) fault[1]);
        } else if (fault == null) {
            call.future.whenComplete((v, e) -> wake(shard));
            deliverers.execute(() -> deliver(call, shard, handler));
        }
        return call.future;
    }

    private void deliver(Call call, Shard shard, SubscriptionHandler handler) {
        try {
            int next = startIndex(shard, call.position);
            for (int events = 0; !call.future.isDone(); events++) {
                if (events >= eventsPerSubscription) {
                    call.future.complete(null);
                    return;
                }
                List<KinesisRecord> chunk;
                boolean ended;
                long behind;
                synchronized (shard) {
                    while (next >= shard.records.size()
                            && !shard.ended
                            && !call.future.isDone()
                            && !closed) {
                        shard.wait();
                    }
                    if (call.future.isDone() || closed) {
                        return;
                    }
                    int to = Math.min(shard.records.size(), next + recordsPerEvent);
                    chunk = List.copyOf(shard.records.subList(next, to));
                    ended = shard.ended && to == shard.records.size();
                    behind = (shard.records.size() - to) * 1000L;
                }
                next += chunk.size();
                String continuation = ended ? null : chunk.get(chunk.size() - 1).sequenceNumber();
                long start = System.nanoTime();
                handler.onBatch(new RecordBatch(chunk, behind, ended), continuation);
                call.longestHandlerNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                call.eventsDelivered.incrementAndGet();
                if (ended) {
                    call.future.complete(null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            call.future.completeExceptionally(e);
        }
    }

    private static int startIndex(Shard shard, StartingPosition position) {
        synchronized (shard) {
            switch (position.type()) {
                case TRIM_HORIZON:
                    return 0;
                case LATEST:
                    return shard.records.size();
                case AT_TIMESTAMP:
                    int i = 0;
                    while (i < shard.records.size()
                            && shard.records
                                    .get(i)
                                    .approximateArrivalTimestamp()
                                    .isBefore(position.timestamp())) {
                        i++;
                    }
                    return i;
                default:
                    BigInteger seq = new BigInteger(position.sequenceNumber());
                    boolean after = position.type() == StartingPosition.Type.AFTER_SEQUENCE_NUMBER;
                    int j = 0;
                    while (j < shard.records.size()) {
                        int cmp =
                                new BigInteger(shard.records.get(j).sequenceNumber())
                                        .compareTo(seq);
                        if (cmp > 0 || (cmp == 0 && !after)) {
                            break;
                        }
                        j++;
                    }
                    return j;
            }
        }
    }

    private Shard shard(String shardId) {
        return shards.computeIfAbsent(shardId, id -> new Shard());
    }

    private static void wake(Shard shard) {
        synchronized (shard) {
            shard.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        shards.values().forEach(FakeFanOutProxy::wake);
        deliverers.shutdown();
    }
}
