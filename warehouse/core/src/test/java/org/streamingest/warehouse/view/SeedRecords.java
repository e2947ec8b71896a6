package org.streamingest.warehouse.view;

import org.streamingest.kinesis.testing.TestRecord;

import org.apache.flink.types.Row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The rows a seed-like view holds for the records put: those whose payload is {"n":<number>}. */
final class SeedRecords {

    /** What the tests select: {@code partition_key, sequence_number, kinesis_data}. */
    static final String SELECT =
            "SELECT partition_key, sequence_number, kinesis_data FROM `public`.`my_view`";

    private SeedRecords() {}

    /**
     * {@code (partition_key, sequence_number, kinesis_data)} of every valid record of {@code put}.
     */
    static List<Row> valid(List<TestRecord> put) {
        List<Row> rows = new ArrayList<>();
        for (TestRecord record : put) {
            if (isValid(record)) {
                rows.add(
                        Row.of(
                                record.partitionKey(),
                                record.sequenceNumber(),
                                new String(record.data(), StandardCharsets.UTF_8)));
            }
        }
        return rows;
    }

    /** True for a record the seed view takes: its payload is {@code {"n":<number>}}. */
    static boolean isValid(TestRecord record) {
        return new String(record.data(), StandardCharsets.UTF_8).matches("\\{\"n\":\\d+}");
    }

    /** The view service's rows of {@link #SELECT}. */
    static List<Row> select(MaterializedViews views) throws Exception {
        return views.select(new ViewQuery(SELECT, SELECT, List.of(), List.of())).rows();
    }
}
