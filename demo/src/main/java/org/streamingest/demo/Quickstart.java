package org.streamingest.demo;

import org.streamingest.job.exec.ResultFormat;
import org.streamingest.job.exec.StatementExecutor;
import org.streamingest.job.exec.StatementResult;
import org.streamingest.job.sql.RedshiftSqlParser;
import org.streamingest.job.sql.ScriptStatement;
import org.streamingest.job.sql.StatementSplitter;
import org.streamingest.kinesis.testing.KinesisClients;
import org.streamingest.kinesis.testing.KinesisServer;
import org.streamingest.kinesis.testing.KinesisServerKind;
import org.streamingest.kinesis.testing.KinesisServersDirectory;
import org.streamingest.kinesis.testing.RecordEntry;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.kinesis.testing.TestStreams;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.WarehouseLocation;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The README's first command: a local Kinesis-API server on 127.0.0.1, the stream {@code
 * my_stream_name} with sample JSON (some of it malformed, as real streams have), then the product's
 * seed statements, verbatim, through the same executor as {@code run}, on a temporary warehouse (or
 * {@code --warehouse DIR}). Each statement is printed before its result; the SELECT prints as a
 * table on stdout, progress goes to stderr. On a warehouse an earlier quickstart used, whose stream
 * ended with that run's server, it first drops that run's schema and views ({@value
 * #DROP_EARLIER}), saying so, so that it can run again and again on one {@code --warehouse}.
 */
public final class Quickstart {
    public static final String STREAM = "my_stream_name";

    /** The seed statements of the product, verbatim. */
    public static final String SEED =
            String.join(
                    "\n",
                    "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;",
                    "CREATE MATERIALIZED VIEW my_view AUTO REFRESH YES AS",
                    "    SELECT approximate_arrival_timestamp,",
                    "           partition_key,",
                    "           shard_id,",
                    "           sequence_number,",
                    "           refresh_time,",
                    "           JSON_PARSE(kinesis_data) AS kinesis_data",
                    "    FROM kds." + STREAM,
                    "    WHERE CAN_JSON_PARSE(kinesis_data);",
                    "REFRESH MATERIALIZED VIEW my_view;",
                    "SELECT * FROM my_view;",
                    "");

    /** The external schema of the seed statements. */
    static final String SCHEMA = "kds";

    /** What a quickstart on a warehouse an earlier quickstart used runs before the seed. */
    static final String DROP_EARLIER = "DROP SCHEMA " + SCHEMA + " CASCADE;";

    private final int records;
    private final String warehouse;

    Quickstart(int records, String warehouse) {
        this.records = records;
        this.warehouse = warehouse;
    }

    public static Quickstart fromArgs(List<String> args) {
        int records = 20;
        String warehouse = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--records") && i + 1 < args.size()) {
                records = parsePositive(args.get(++i));
            } else if (args.get(i).equals("--warehouse") && i + 1 < args.size()) {
                warehouse = args.get(++i);
            } else {
                throw new IllegalArgumentException(
                        "quickstart: unknown option '"
                                + args.get(i)
                                + "'; valid: --records N, --warehouse DIR");
            }
        }
        return new Quickstart(records, warehouse);
    }

    public int run(PrintStream out, PrintStream err) throws Exception {
        useLocalCredentials();
        KinesisServerKind kind = KinesisServerKind.KINESALITE;
        KinesisClients.disableCbor();
        Path logs = Files.createTempDirectory("streaming-ingest-quickstart");
        String location = warehouse != null ? warehouse : logs.resolve("warehouse").toString();
        err.println("Starting " + kind + " on 127.0.0.1 (log: " + logs + ")...");
        try (KinesisServer server =
                        KinesisServer.start(kind, KinesisServersDirectory.resolve(), logs);
                KinesisClient client = KinesisClients.create(server.endpoint())) {
            TestStream stream = new TestStreams(client, kind).createNamed(STREAM, 2);
            List<TestRecord> put = stream.put(SampleRecords.orders(records));
            err.println(
                    "Put "
                            + put.size()
                            + " sample records (every seventh is malformed JSON) into stream "
                            + STREAM
                            + " at "
                            + server.endpoint()
                            + "; warehouse: "
                            + location);
            Map<String, String> kinesis = new LinkedHashMap<>();
            kinesis.put("aws.endpoint", server.endpoint().toString());
            kinesis.put("aws.region", "us-east-1");
            kinesis.put("aws.cbor.enabled", "false");
            RedshiftSqlParser parser = new RedshiftSqlParser();
            try (FlinkCluster cluster = FlinkCluster.embedded();
                    Warehouse wh =
                            new Warehouse(
                                    WarehouseLocation.of(location), cluster, kinesis, Map.of());
                    StatementExecutor executor = new StatementExecutor(wh, err::println)) {
                if (wh.catalog().databaseExists(SCHEMA)) {
                    out.println(
                            "-- "
                                    + location
                                    + " holds the schema "
                                    + SCHEMA
                                    + " of an earlier quickstart, whose stream ended with that"
                                    + " run's local server: dropping it and its views first.");
                    runPrinted(DROP_EARLIER, executor, parser, out);
                }
                runPrinted(SEED, executor, parser, out);
            }
        }
        return 0;
    }

    /** Runs {@code script}, printing each statement before its result. */
    private static void runPrinted(
            String script, StatementExecutor executor, RedshiftSqlParser parser, PrintStream out)
            throws Exception {
        for (ScriptStatement each : StatementSplitter.split(script)) {
            out.println(each.sql() + ";");
            StatementResult result = executor.execute(parser.parse(each));
            if (result.isQuery()) {
                ResultFormat.TABLE.print(result.query(), out);
            } else {
                out.println(result.message());
            }
            out.println();
        }
    }

    /**
     * The local servers accept any credentials; the connector reads them from the default chain.
     */
    private static void useLocalCredentials() {
        if (System.getProperty("aws.accessKeyId") == null
                && System.getenv("AWS_ACCESS_KEY_ID") == null) {
            System.setProperty("aws.accessKeyId", KinesisClients.ACCESS_KEY_ID);
            System.setProperty("aws.secretAccessKey", KinesisClients.SECRET_KEY);
        }
    }

    private static int parsePositive(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(
                "--records needs a positive number, got '" + value + "'");
    }

    /** Sample order events: mostly valid JSON, every seventh one malformed. */
    static final class SampleRecords {
        private SampleRecords() {}

        static List<RecordEntry> orders(int n) {
            List<RecordEntry> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String key = "customer-" + (i % 5);
                String payload =
                        i % 7 == 6
                                ? "{\"order_id\": " + i + ", \"truncated"
                                : String.format(
                                        "{\"order_id\":%d,\"customer\":{\"id\":%d,\"tier\":\"%s\"},"
                                                + "\"items\":[{\"sku\":\"sku-%d\",\"qty\":%d}],"
                                                + "\"amount\":%d.%02d}",
                                        i,
                                        i % 5,
                                        i % 2 == 0 ? "gold" : "silver",
                                        i % 13,
                                        1 + i % 3,
                                        10 + i,
                                        i % 100);
                entries.add(RecordEntry.utf8(key, payload));
            }
            return entries;
        }
    }
}
