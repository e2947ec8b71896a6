package org.streamingest.job.exec;

import org.streamingest.kinesis.testing.TestRecord;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A record JSON_PARSE rejects in a view without the CAN_JSON_PARSE guard stops the view, as in
 * Redshift: REFRESH fails naming stream, shard and sequence number of the record, the JSON error
 * and what to do; earlier rows stay queryable; recreating the view with the guard ingests every
 * valid record.
 */
class InvalidJsonStopsViewITCase extends WarehouseSessionTestBase {

    private static final String SELECT =
            "SELECT partition_key, sequence_number, JSON_SERIALIZE(kinesis_data) FROM v";

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void refreshNamesTheBadRecordAndTheFixResumes() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("bad_json", 1);
        String view =
                "CREATE MATERIALIZED VIEW v AS SELECT partition_key, sequence_number,"
                        + " JSON_PARSE(kinesis_data) AS kinesis_data FROM kds.bad_json";
        run(view);
        List<TestRecord> put = new ArrayList<>(stream.putStrings("{\"n\":1}"));
        assertThat(run("REFRESH MATERIALIZED VIEW v").rowsAdded()).isEqualTo(1);

        put.addAll(stream.putStrings("{\"n\": 2, oops}", "{\"n\":3}"));
        TestRecord bad = put.get(1);
        assertThatThrownBy(() -> run("REFRESH MATERIALIZED VIEW v"))
                .hasMessageContaining("stream kds.bad_json")
                .hasMessageContaining(
                        "sequence number " + bad.sequenceNumber() + " in shard " + bad.shardId())
                .hasMessageContaining("byte offset 9")
                .hasMessageContaining("WHERE CAN_JSON_PARSE(kinesis_data)");
        assertThat(rows()).containsExactly(row(put.get(0)));

        run("DROP MATERIALIZED VIEW v");
        run(view + " WHERE CAN_JSON_PARSE(kinesis_data)");
        assertThat(run("REFRESH MATERIALIZED VIEW v").rowsAdded()).isEqualTo(2);
        assertThat(rows()).containsExactlyInAnyOrder(row(put.get(0)), row(put.get(2)));
    }

    private static Row row(TestRecord record) {
        return Row.of(
                record.partitionKey(),
                record.sequenceNumber(),
                new String(record.data(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private List<Row> rows() throws Exception {
        return run(SELECT).query().rows();
    }
}
