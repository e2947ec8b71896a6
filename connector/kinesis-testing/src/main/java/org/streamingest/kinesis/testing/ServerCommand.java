package org.streamingest.kinesis.testing;

import java.util.List;
import java.util.Map;

/** Builds the node command line, working directory and environment of one server. */
final class ServerCommand {

    /** System property naming the node executable; defaults to {@code node} on the PATH. */
    static final String NODE_PROPERTY = "kinesis.servers.node";

    /** kinesis-mock state-transition durations; creation is instant, the rest short but visible. */
    private static final Map<String, String> KINESIS_MOCK_DURATIONS =
            Map.ofEntries(
                    Map.entry("CREATE_STREAM_DURATION", "0ms"),
                    Map.entry("DELETE_STREAM_DURATION", "100ms"),
                    Map.entry("SPLIT_SHARD_DURATION", "100ms"),
                    Map.entry("MERGE_SHARDS_DURATION", "100ms"),
                    Map.entry("UPDATE_SHARD_COUNT_DURATION", "100ms"),
                    Map.entry("REGISTER_STREAM_CONSUMER_DURATION", "100ms"),
                    Map.entry("DEREGISTER_STREAM_CONSUMER_DURATION", "100ms"),
                    Map.entry("START_STREAM_ENCRYPTION_DURATION", "100ms"),
                    Map.entry("STOP_STREAM_ENCRYPTION_DURATION", "100ms"),
                    Map.entry("UPDATE_STREAM_MODE_DURATION", "100ms"));

    /** Inherited variables that would change kinesis-mock's behaviour behind the tests' back. */
    private static final List<String> KINESIS_MOCK_CLEARED =
            List.of(
                    "INITIALIZE_STREAMS",
                    "SHOULD_PERSIST_DATA",
                    "LOAD_DATA_IF_EXISTS",
                    "PERSIST_PATH",
                    "AWS_ACCOUNT_ID",
                    "AWS_REGION",
                    "KINESIS_MOCK_CERT_PATH",
                    "KINESIS_MOCK_CERT_PASSWORD");

    private ServerCommand() {}

    /**
     * Returns the process builder for {@code kind}; {@code ports[0]} is the plain HTTP port, and
     * kinesis-mock also needs {@code ports[1]} for its (unused) TLS listener.
     */
    static ProcessBuilder create(KinesisServerKind kind, KinesisServersDirectory dir, int[] ports) {
        String node = System.getProperty(NODE_PROPERTY, "node");
        String shim = dir.loopbackShim().toString();
        if (kind == KinesisServerKind.KINESIS_MOCK) {
            ProcessBuilder builder =
                    new ProcessBuilder(node, "-r", shim, dir.entryPoint(kind).toString());
            // main.js reads its bundled TLS certificate (server.json) from the working directory.
            builder.directory(dir.packageDirectory(kind).toFile());
            Map<String, String> env = builder.environment();
            KINESIS_MOCK_CLEARED.forEach(env::remove);
            env.putAll(KINESIS_MOCK_DURATIONS);
            env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(ports[0]));
            env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(ports[1]));
            env.put("LOG_LEVEL", "WARN");
            env.put("SHARD_LIMIT", "2000");
            return builder;
        }
        return new ProcessBuilder(
                        node,
                        "-r",
                        shim,
                        dir.entryPoint(kind).toString(),
                        "--port",
                        Integer.toString(ports[0]),
                        "--createStreamMs",
                        "0",
                        "--deleteStreamMs",
                        "0",
                        "--updateStreamMs",
                        "0",
                        "--shardLimit",
                        "1000")
                .directory(dir.root().toFile());
    }

    /** How many ports {@code kind} listens on. */
    static int portCount(KinesisServerKind kind) {
        return kind == KinesisServerKind.KINESIS_MOCK ? 2 : 1;
    }
}
