package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableHintsTest {

    private static final ObjectName V = new ObjectName("public", "v");

    @Test
    void everyFromReferenceGetsTheOptionsAndColumnsAreLeftAlone() {
        String sql =
                "SELECT `public`.`v`.`a`, `x`.`b` FROM `public`.`v` AS `x`"
                        + " JOIN `public`.`v` ON TRUE, `public`.`v`";
        assertThat(TableHints.withOptions(sql, V, Map.of("snapshot-id", "7")))
                .isEqualTo(
                        "SELECT `public`.`v`.`a`, `x`.`b` FROM `public`.`v` /*+"
                                + " OPTIONS('snapshot-id'='7') */ AS `x` JOIN `public`.`v` /*+"
                                + " OPTIONS('snapshot-id'='7') */ ON TRUE, `public`.`v` /*+"
                                + " OPTIONS('snapshot-id'='7') */");
    }

    @Test
    void aLongerNameWithTheSamePrefixIsNotTheTable() {
        String sql = "SELECT 1 FROM `public`.`v``2`";
        assertThatThrownBy(() -> TableHints.withOptions(sql, V, Map.of("k", "v")))
                .hasMessageContaining("does not read `public`.`v`");
    }

    @Test
    void quotesInValuesAreEscaped() {
        assertThat(TableHints.withOptions("SELECT 1 FROM `public`.`v`", V, Map.of("k", "it's")))
                .endsWith("/*+ OPTIONS('k'='it''s') */");
    }
}
