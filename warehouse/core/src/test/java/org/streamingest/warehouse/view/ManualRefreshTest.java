package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManualRefreshTest {

    @Test
    void theStreamReferenceGetsTheStartTimeHint() {
        ViewDefinition view =
                ViewDefinition.onStream(
                        "",
                        "SELECT `a` FROM `kds`.`My.Stream` AS s WHERE x",
                        "kds.My.Stream",
                        false);
        assertThat(ManualRefresh.hinted(view, Instant.parse("2026-11-22T01:00:00.123Z")))
                .isEqualTo(
                        "SELECT `a` FROM `kds`.`My.Stream` /*+ OPTIONS('scan.refresh.start-time'="
                                + "'2026-11-22T01:00:00.123Z') */ AS s WHERE x");
    }

    @Test
    void aQueryThatDoesNotNameItsStreamIsAnError() {
        ViewDefinition view = ViewDefinition.onStream("", "SELECT 1", "kds.s", false);
        assertThatThrownBy(() -> ManualRefresh.hinted(view, Instant.EPOCH))
                .hasMessageContaining("`kds`.`s`");
    }

    @Test
    void progressSaysLagUnknownForAShardNotReadYet() {
        String reader = "0.Source__v.KinesisSource.";
        Map<String, String> metrics =
                Map.of(
                        reader + "refreshRecords",
                        "10.0",
                        "1.Source__v.KinesisSource.refreshRecords",
                        "2",
                        reader + "s.shardId-000000000000.millisBehindLatest",
                        "1500",
                        reader + "s.shardId-000000000001.millisBehindLatest",
                        "-1");

        assertThat(ManualRefresh.describe(ObjectName.parse("public.v"), metrics))
                .isEqualTo(
                        "refresh public.v: 12 records read; shardId-000000000000 lag 1500 ms;"
                                + " shardId-000000000001 lag unknown");
        assertThat(ManualRefresh.describe(ObjectName.parse("public.v"), Map.of()))
                .isEqualTo("refresh public.v: 0 records read");
    }
}
