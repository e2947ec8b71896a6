package org.streamingest.connector.kinesis.catalog;

import org.streamingest.connector.kinesis.testutils.CatalogFakeProxy;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code scan.refresh.start-time} as the warehouse passes it: a SQL hint on a stream. */
class KinesisCatalogRefreshHintTest {

    @Test
    void isAcceptedAndValidatedAsATableHint() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.registerCatalog(
                "k",
                new KinesisCatalog(
                        "k",
                        "kinesis",
                        Configuration.fromMap(Map.of("aws.region", "us-east-1")),
                        new CatalogFakeProxy().withStream("orders")));

        assertThat(
                        tEnv.explainSql(
                                "SELECT kinesis_data FROM k.kinesis.orders /*+ OPTIONS("
                                        + "'scan.refresh.start-time'='2026-11-01T12:00:00Z') */"))
                .contains("orders");
        assertThatThrownBy(
                        () ->
                                tEnv.explainSql(
                                        "SELECT kinesis_data FROM k.kinesis.orders /*+ OPTIONS("
                                                + "'scan.refresh.start-time'='soon') */"))
                .hasStackTraceContaining("'scan.refresh.start-time' is 'soon'");
    }
}
