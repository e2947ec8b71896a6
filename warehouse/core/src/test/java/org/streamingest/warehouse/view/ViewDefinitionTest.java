package org.streamingest.warehouse.view;

import org.streamingest.warehouse.WarehouseException;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A view's own auto-refresh interval in its table properties, and views kept without one. */
class ViewDefinitionTest {

    @Test
    void aViewKeepsItsOwnInterval() {
        ViewDefinition view =
                ViewDefinition.onStream("SELECT 1", "SELECT 1", "kds.s", true)
                        .withFreshness(Duration.ofSeconds(5));

        Map<String, String> properties = view.toProperties();

        assertThat(properties).containsEntry("streaming-ingest.mv.freshness", "5 s");
        assertThat(ViewDefinition.fromProperties(properties)).isEqualTo(view);
        assertThat(view.withAutoRefresh(false).freshness()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aViewWithoutOneHasNone() {
        ViewDefinition view = ViewDefinition.onStream("SELECT 1", "SELECT 1", "kds.s", true);

        assertThat(view.toProperties()).doesNotContainKey("streaming-ingest.mv.freshness");
        assertThat(ViewDefinition.fromProperties(view.toProperties()).freshness()).isNull();
    }

    @Test
    void anUnreadableIntervalIsNamed() {
        Map<String, String> properties =
                new HashMap<>(
                        ViewDefinition.onStream("", "SELECT 1", "kds.s", true).toProperties());
        properties.put("streaming-ingest.mv.freshness", "often");

        assertThatThrownBy(() -> ViewDefinition.fromProperties(properties))
                .isInstanceOf(WarehouseException.class)
                .hasMessage(
                        "Invalid table property streaming-ingest.mv.freshness 'often' of a"
                                + " materialized view: a duration such as '5 s'.");
    }
}
