package org.streamingest.kinesis.testing;

/**
 * Starts one kinesis-mock (npm {@code kinesis-local}) per test JVM on 127.0.0.1. Supports the whole
 * API (ARNs, ShardFilter, UpdateShardCount, EFO over h2c on {@link #endpoint()}); keep each shard
 * under a few thousand records, as PutRecords slows down as shards fill.
 *
 * <pre>{@code
 * @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();
 * TestStream stream = KINESIS.streams().create("orders", 2);
 * }</pre>
 */
public final class KinesisMockExtension extends KinesisServerExtension {

    public KinesisMockExtension() {
        super(KinesisServerKind.KINESIS_MOCK);
    }
}
