package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngestionFailureTest {

    @Test
    void theFailureReasonIsTheInnermostCause() {
        assertThat(
                        IngestionFailure.firstLine(
                                "java.lang.RuntimeException: outer\n\tat x\n"
                                        + "Caused by: java.io.IOException: middle\n"
                                        + "Caused by: Stream s shard 1: bad JSON\n\tat y"))
                .isEqualTo("Stream s shard 1: bad JSON");
        assertThat(IngestionFailure.firstLine("only line")).isEqualTo("only line");
    }

    @Test
    void aViewStoppedByJsonParseNamesTheFunctionOnce() {
        // JSON_PARSE's message names the function itself; the failure must not add it again
        String cause =
                "org.streamingest.functions.json.NotJsonException: JSON_PARSE: the input is not"
                        + " valid JSON: Unexpected character ('o') at byte offset 9; the input"
                        + " (15 bytes) starts with '{\"n\": 2, oops}'. Skip such records with"
                        + " WHERE CAN_JSON_PARSE(...).";
        BadRecords.BadRecord bad =
                new BadRecords.BadRecord(
                        "shardId-000000000000", "4968", "Unexpected character at byte offset 9");

        String message =
                IngestionFailure.stoppedByBadJson(
                        ObjectName.parse("public.v"), "kds.bad_json", List.of(bad), cause);

        assertThat(message)
                .isEqualTo(
                        "The ingestion of materialized view public.v stopped: a record of stream"
                                + " kds.bad_json at sequence number 4968 in shard"
                                + " shardId-000000000000 (Unexpected character at byte offset 9)"
                                + " is not valid JSON. JSON_PARSE: the input is not valid JSON:"
                                + " Unexpected character ('o') at byte offset 9; the input (15"
                                + " bytes) starts with '{\"n\": 2, oops}'. Skip such records with"
                                + " WHERE CAN_JSON_PARSE(...). As in Redshift, a record"
                                + " JSON_PARSE rejects stops the view. Rows refreshed before stay"
                                + " queryable. To go on from where it stopped, give the view the"
                                + " guard that skips such records (ALTER MATERIALIZED VIEW"
                                + " public.v AS SELECT ... WHERE CAN_JSON_PARSE(kinesis_data)),"
                                + " then refresh it.");
    }
}
