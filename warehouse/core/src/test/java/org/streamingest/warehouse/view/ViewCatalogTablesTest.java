package org.streamingest.warehouse.view;

import org.apache.flink.table.catalog.IntervalFreshness;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A view's checkpoint interval as the freshness Flink shows for its materialized table. */
class ViewCatalogTablesTest {

    @Test
    void freshnessIsTheIntervalInTheLargestWholeUnitRoundedUpToASecond() {
        assertThat(ViewCatalogTables.freshness(Duration.ofSeconds(1)))
                .isEqualTo(IntervalFreshness.ofSecond("1"));
        assertThat(ViewCatalogTables.freshness(Duration.ofMillis(800)))
                .isEqualTo(IntervalFreshness.ofSecond("1"));
        assertThat(ViewCatalogTables.freshness(Duration.ofMillis(1500)))
                .isEqualTo(IntervalFreshness.ofSecond("2"));
        assertThat(ViewCatalogTables.freshness(Duration.ofSeconds(90)))
                .isEqualTo(IntervalFreshness.ofSecond("90"));
        assertThat(ViewCatalogTables.freshness(Duration.ofMinutes(5)))
                .isEqualTo(IntervalFreshness.ofMinute("5"));
        assertThat(ViewCatalogTables.freshness(Duration.ofHours(1)))
                .isEqualTo(IntervalFreshness.ofHour("1"));
        assertThat(ViewCatalogTables.freshness(Duration.ofDays(2)))
                .isEqualTo(IntervalFreshness.ofDay("2"));
    }
}
