package org.streamingest.job.quickstart;

import org.streamingest.job.output.TablePrinter;
import org.streamingest.kinesis.testing.KinesisClients;
import org.streamingest.kinesis.testing.KinesisServer;
import org.streamingest.kinesis.testing.KinesisServerKind;
import org.streamingest.kinesis.testing.KinesisServersDirectory;
import org.streamingest.kinesis.testing.RecordEntry;
import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;
import org.streamingest.kinesis.testing.TestStreams;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's first command: a local Kinesis-API server on 127.0.0.1, the stream {@code
 * my_stream_name} with sample JSON (some of it malformed, as real streams have), and the stream
 * read back through the Kinesis catalog as a Redshift-shaped table on an embedded Flink.
 */
public final class Quickstart {
    public static final String STREAM = "my_stream_name";
    static final String SELECT =
            "SELECT approximate_arrival_timestamp, partition_key, shard_id, sequence_number,"
                    + " refresh_time, kinesis_data FROM kds."
                    + STREAM;

    private final int records;

    Quickstart(int records) {
        this.records = records;
    }

    public static Quickstart fromArgs(List<String> args) {
        int records = 20;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--records") && i + 1 < args.size()) {
                records = parsePositive(args.get(++i));
            } else {
                throw new IllegalArgumentException(
                        "quickstart: unknown option '" + args.get(i) + "'; valid: --records N");
            }
        }
        return new Quickstart(records);
    }

    public int run(PrintStream out, PrintStream err) throws Exception {
        useLocalCredentials();
        KinesisServerKind kind = KinesisServerKind.KINESALITE;
        KinesisClients.disableCbor();
        Path logs = Files.createTempDirectory("streaming-ingest-quickstart");
        err.println("Starting " + kind + " on 127.0.0.1 (log: " + logs + ")...");
        try (KinesisServer server =
                        KinesisServer.start(kind, KinesisServersDirectory.resolve(), logs);
                KinesisClient client = KinesisClients.create(server.endpoint())) {
            TestStream stream = new TestStreams(client, kind).createNamed(STREAM, 2);
            List<TestRecord> put = stream.put(SampleRecords.orders(records));
            err.println(
                    "Put "
                            + put.size()
                            + " records into stream "
                            + STREAM
                            + " at "
                            + server.endpoint()
                            + "; reading them through the catalog...");
            TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
            tEnv.executeSql(createCatalog(server.endpoint().toString()));
            tEnv.useCatalog("redshift");
            err.println(SELECT + ";");
            print(tEnv.executeSql(SELECT), put.size(), out);
        }
        return 0;
    }

    static String createCatalog(String endpoint) {
        return "CREATE CATALOG redshift WITH ("
                + "'type' = 'redshift-kinesis', "
                + "'default-database' = 'kds', "
                + "'aws.region' = 'us-east-1', "
                + "'aws.endpoint' = '"
                + endpoint
                + "', "
                + "'aws.cbor.enabled' = 'false')";
    }

    private static void print(TableResult result, int expectedRows, PrintStream out)
            throws Exception {
        List<String> columns = result.getResolvedSchema().getColumnNames();
        TablePrinter table = new TablePrinter(columns, 60);
        try (CloseableIterator<Row> rows = result.collect()) {
            for (int i = 0; i < expectedRows && rows.hasNext(); i++) {
                Row row = rows.next();
                List<String> cells = new ArrayList<>(row.getArity());
                for (int c = 0; c < row.getArity(); c++) {
                    Object v = row.getField(c);
                    cells.add(
                            v instanceof byte[]
                                    ? new String((byte[]) v, StandardCharsets.UTF_8)
                                    : v == null ? null : v.toString());
                }
                table.add(cells);
            }
        }
        table.print(out);
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
