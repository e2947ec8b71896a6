package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScanStatesTest {

    @Test
    void everyViewHasItsOwnHiddenScanTable() {
        assertThat(ScanStates.id(new ObjectName("a_b", "c")).toString())
                .isEqualTo("pg_catalog.mv_scan_states_3_a_b_c");
        assertThat(ScanStates.id(new ObjectName("a", "b_c")).toString())
                .isEqualTo("pg_catalog.mv_scan_states_1_a_b_c");
        assertThat(ScanStates.isScanTable("mv_scan_states_1_a_b_c")).isTrue();
        assertThat(ScanStates.isScanTable("sys_mv_refresh_history")).isFalse();
    }

    @Test
    void theScanStatesAreOneGroupPerShardAndRefreshOfTheScanQuery() {
        assertThat(
                        ScanStates.insert(
                                new ObjectName("public", "v"),
                                "SELECT *, 0 AS `$skipped` FROM `kds`.`s`"))
                .isEqualTo(
                        "INSERT INTO `pg_catalog`.`mv_scan_states_6_public_v`"
                                + " SELECT /*+ STATE_TTL('scan' = '1 d') */ shard_id,"
                                + " refresh_time, LAST_VALUE(sequence_number), COUNT(*),"
                                + " SUM(CAST(`$skipped` AS BIGINT)),"
                                + " SUM(CAST(LEN(kinesis_data) AS BIGINT)),"
                                + " MIN(approximate_arrival_timestamp),"
                                + " MAX(approximate_arrival_timestamp)"
                                + " FROM (SELECT *, 0 AS `$skipped` FROM `kds`.`s`) AS scan"
                                + " GROUP BY shard_id, refresh_time");
    }

    @Test
    void aViewWhoseSkipsAreUnknownScansItsWholeStream() {
        assertThat(ScanStates.unknownSkips("kds.My.Stream"))
                .isEqualTo("SELECT *, CAST(NULL AS INT) AS `$skipped` FROM `kds`.`My.Stream`");
    }
}
