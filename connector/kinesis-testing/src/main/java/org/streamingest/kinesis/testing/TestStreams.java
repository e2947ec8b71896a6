package org.streamingest.kinesis.testing;

import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.util.UUID;
import java.util.regex.Pattern;

/** Creates streams with unique names on one local server and hands out {@link TestStream}s. */
public final class TestStreams {

    private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    private final KinesisClient client;
    private final KinesisServerKind kind;

    public TestStreams(KinesisClient client, KinesisServerKind kind) {
        this.client = client;
        this.kind = kind;
    }

    /** Creates a stream named {@code test-<random>} with {@code shards} shards, ACTIVE. */
    public TestStream create(int shards) {
        return create("test", shards);
    }

    /** Creates a stream named {@code <prefix>-<random>} with {@code shards} shards, ACTIVE. */
    public TestStream create(String prefix, int shards) {
        return createNamed(uniqueName(prefix), shards);
    }

    /** Creates a stream with exactly this name and waits until it is ACTIVE. */
    public TestStream createNamed(String name, int shards) {
        if (!VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Invalid stream name '" + name + "': use 1-128 of [a-zA-Z0-9_.-].");
        }
        client.createStream(r -> r.streamName(name).shardCount(shards));
        return existing(name).awaitActive();
    }

    /** A handle on an existing stream. */
    public TestStream existing(String name) {
        return new TestStream(client, kind, name);
    }

    /** {@code <prefix>-} followed by 12 random hex digits. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
