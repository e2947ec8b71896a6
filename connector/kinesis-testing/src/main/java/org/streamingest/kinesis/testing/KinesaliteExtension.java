package org.streamingest.kinesis.testing;

/**
 * Starts one kinesalite per test JVM on 127.0.0.1: fast, but no ARN addressing (address streams by
 * name), no UpdateShardCount, no EFO, and ShardFilter/paging in ListShards are ignored.
 *
 * <p>kinesalite cannot read CBOR, so before starting it this extension sets the JVM-global system
 * property {@code aws.cborEnabled=false}. The SDK reads it when a client is built: every Kinesis
 * client built afterwards in this JVM (including the connector's) uses JSON. Clients built before
 * (for instance by a kinesis-mock test earlier in the same JVM) keep CBOR and must not be pointed
 * at kinesalite.
 */
public final class KinesaliteExtension extends KinesisServerExtension {

    public KinesaliteExtension() {
        super(KinesisServerKind.KINESALITE);
    }
}
