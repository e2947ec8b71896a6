package org.streamingest.job.cli;

import org.streamingest.kinesis.testing.TestRecord;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows of a seed-like view as a user reads them from {@code --format json} (one object per
 * line), and the rows the records put should give, both as the text of the chosen columns.
 */
public final class SeedRows {

    /** The product's seed statements, verbatim (AUTO REFRESH YES variant). */
    public static final String SEED_AUTO =
            "CREATE EXTERNAL SCHEMA kds FROM KINESIS IAM_ROLE default;\n"
                    + "CREATE MATERIALIZED VIEW my_view AUTO REFRESH YES AS\n"
                    + "  SELECT approximate_arrival_timestamp, partition_key, shard_id,"
                    + " sequence_number, refresh_time,\n"
                    + "         JSON_PARSE(kinesis_data) AS kinesis_data\n"
                    + "  FROM kds.my_stream_name WHERE CAN_JSON_PARSE(kinesis_data);\n"
                    + "REFRESH MATERIALIZED VIEW my_view;\n"
                    + "SELECT * FROM my_view;\n";

    /** The seed statements with the default manual refresh. */
    static final String SEED_MANUAL = SEED_AUTO.replace(" AUTO REFRESH YES", "");

    /** A later invocation: refresh, then read everything. */
    static final String AGAIN = "REFRESH MATERIALIZED VIEW my_view;\nSELECT * FROM my_view;\n";

    /** The Redshift metadata columns that every row of a seed view must have filled. */
    private static final List<String> FILLED =
            List.of("approximate_arrival_timestamp", "refresh_time");

    private SeedRows() {}

    /** The values of {@code columns} in every JSON line of {@code out}. */
    public static List<List<String>> read(String out, List<String> columns) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<List<String>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            for (String filled : FILLED) {
                if (row.has(filled)) {
                    assertThat(row.get(filled).isNull()).as(filled + " in " + line).isFalse();
                }
            }
            rows.add(columns.stream().map(column -> row.get(column).asText()).toList());
        }
        return rows;
    }

    /** The rows of the records of {@code put} whose payload matches {@code valid}. */
    public static List<List<String>> expected(
            List<TestRecord> put, Pattern valid, List<String> columns) {
        List<List<String>> rows = new ArrayList<>();
        for (TestRecord record : put) {
            String data = new String(record.data(), StandardCharsets.UTF_8);
            if (valid.matcher(data).matches()) {
                rows.add(columns.stream().map(column -> value(record, data, column)).toList());
            }
        }
        return rows;
    }

    private static String value(TestRecord record, String data, String column) {
        Function<TestRecord, String> field =
                switch (column) {
                    case "partition_key" -> TestRecord::partitionKey;
                    case "shard_id" -> TestRecord::shardId;
                    case "sequence_number" -> TestRecord::sequenceNumber;
                    case "kinesis_data" -> r -> data;
                    default -> throw new IllegalArgumentException("No record field " + column);
                };
        return field.apply(record);
    }
}
