package org.streamingest.warehouse.view;

import org.junit.jupiter.api.Test;

import java.time.Instant;

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
}
