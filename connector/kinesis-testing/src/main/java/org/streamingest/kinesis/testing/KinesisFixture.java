package org.streamingest.kinesis.testing;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.URI;

/**
 * A running local server plus a ready SDK client and a {@link TestStreams} helper. The JUnit
 * extensions share one per server kind and JVM; benchmarks and tools can {@link #start} their own.
 */
public final class KinesisFixture implements AutoCloseable {

    private final KinesisServer server;
    private final KinesisClient client;
    private final TestStreams streams;

    private KinesisFixture(KinesisServer server) {
        this.server = server;
        this.client = KinesisClients.create(server.endpoint());
        this.streams = new TestStreams(client, server.kind());
    }

    /**
     * Starts a server of {@code kind}. For kinesalite this first sets the JVM-global system
     * property {@code aws.cborEnabled=false}, so this fixture's client and every Kinesis client
     * built later in this JVM (including the connector's) speak JSON, which kinesis-mock accepts
     * too.
     */
    public static KinesisFixture start(KinesisServerKind kind) {
        if (!kind.supportsCbor()) {
            KinesisClients.disableCbor();
        }
        return new KinesisFixture(KinesisServer.start(kind));
    }

    public KinesisServerKind kind() {
        return server.kind();
    }

    /** The plain-HTTP endpoint, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return server.endpoint();
    }

    /** The region clients should sign with (us-east-1). */
    public Region region() {
        return KinesisClients.REGION;
    }

    /** A shared sync client for this server; do not close it. */
    public KinesisClient client() {
        return client;
    }

    /** Creates, fills, reshards and reads streams on this server. */
    public TestStreams streams() {
        return streams;
    }

    /** The server process. */
    public KinesisServer server() {
        return server;
    }

    /** Closes the client and stops the server. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
