package org.streamingest.warehouse.catalog;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.maintenance.MaintenanceSettings;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the warehouse catalog makes of its options, and the message for each bad one. */
class WarehouseConfigTest {

    @Test
    void theEmbeddedDefaultIsAHadoopCatalogBelowTheWarehouse() {
        WarehouseConfig config =
                WarehouseConfig.of(
                        Map.of("warehouse", "/data/wh", "aws.region", "us-west-2", "type", "x"));

        assertThat(config.describeBackend()).isEqualTo("hadoop catalog at file:///data/wh/iceberg");
        assertThat(config.location().root()).isEqualTo("file:///data/wh");
        assertThat(config.kinesisSettings()).containsExactly(Map.entry("aws.region", "us-west-2"));
        assertThat(config.leaseTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jdbcAndRestNameTheirUriAndStateMayLiveElsewhere() {
        WarehouseConfig jdbc =
                WarehouseConfig.of(
                        Map.of(
                                "warehouse", "/data/wh",
                                "catalog-type", "JDBC",
                                "uri", "jdbc:sqlite:/data/catalog.db",
                                "pipeline.state-dir", "/state",
                                "lease.timeout", "5 s"));

        assertThat(jdbc.describeBackend())
                .isEqualTo("jdbc catalog at jdbc:sqlite:/data/catalog.db");
        assertThat(jdbc.location().root()).isEqualTo("file:///state");
        assertThat(jdbc.leaseTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badOptionsAreNamedWithWhatIsValid() {
        assertThatThrownBy(() -> WarehouseConfig.of(Map.of("catalog-type", "jdbc")))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("needs the option 'warehouse'");
        assertThatThrownBy(() -> config("catalog-type", "hive"))
                .hasMessage(
                        "Unknown catalog-type 'hive' of the warehouse catalog. Valid values:"
                                + " hadoop, jdbc, rest; or set catalog-impl to the class of"
                                + " another Iceberg catalog.");
        assertThatThrownBy(() -> config("catalog-type", "rest"))
                .hasMessageContaining("with catalog-type 'rest' needs the option 'uri'");
        assertThatThrownBy(() -> config("catalog-type", "jdbc"))
                .hasMessageContaining("needs the option 'uri': a JDBC URL");
        assertThatThrownBy(
                        () ->
                                WarehouseConfig.of(
                                        Map.of(
                                                "warehouse", "/wh",
                                                "catalog-type", "rest",
                                                "catalog-impl", "x.Y")))
                .hasMessageContaining("either 'catalog-type' or 'catalog-impl', not both");
        assertThatThrownBy(() -> config("lease.timout", "5 s"))
                .hasMessageStartingWith("Unknown option 'lease.timout' of the warehouse catalog.")
                .hasMessageContaining("lease.timeout");
        assertThatThrownBy(() -> config("lease.timeout", "soon"))
                .hasMessageContaining("Invalid lease.timeout");
    }

    @Test
    void theJobSettingsOfTheViewsHaveDefaultsAndMayBeSet() {
        WarehouseConfig defaults = WarehouseConfig.of(Map.of("warehouse", "/wh"));
        WarehouseConfig set =
                WarehouseConfig.of(
                        Map.of(
                                "warehouse", "/wh",
                                "auto-refresh.interval", "250ms",
                                "pipeline.restart-attempts", "0",
                                "pipeline.restart-delay", "0 s"));

        assertThat(defaults.autoRefreshInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.restartAttempts()).isEqualTo(2);
        assertThat(defaults.restartDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(set.autoRefreshInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(set.restartAttempts()).isZero();
        assertThat(set.restartDelay()).isZero();
    }

    @Test
    void badJobSettingsAreNamedWithWhatIsValid() {
        assertThatThrownBy(() -> config("auto-refresh.interval", "5 ms"))
                .isInstanceOf(WarehouseException.class)
                .hasMessage(
                        "Invalid auto-refresh.interval of the warehouse catalog (below 10 ms): a"
                                + " duration of at least 10 ms, such as '1 s'.");
        assertThatThrownBy(() -> config("auto-refresh.interval", "often"))
                .hasMessage(
                        "Invalid auto-refresh.interval of the warehouse catalog (Could not parse"
                                + " value 'often' for key 'auto-refresh.interval'.): a duration"
                                + " of at least 10 ms, such as '1 s'.");
        assertThatThrownBy(() -> config("pipeline.restart-attempts", "-1"))
                .hasMessage(
                        "Invalid pipeline.restart-attempts of the warehouse catalog (below 0): a"
                                + " whole number of at least 0, such as 2.");
        assertThatThrownBy(() -> config("pipeline.restart-attempts", "two"))
                .hasMessage(
                        "Invalid pipeline.restart-attempts of the warehouse catalog (Could not"
                                + " parse value 'two' for key 'pipeline.restart-attempts'.): a"
                                + " whole number of at least 0, such as 2.");
        assertThatThrownBy(() -> config("pipeline.restart-delay", "soon"))
                .hasMessage(
                        "Invalid pipeline.restart-delay of the warehouse catalog (Could not parse"
                                + " value 'soon' for key 'pipeline.restart-delay'.): a duration"
                                + " of at least 0 ms, such as '500 ms'.");
        assertThatThrownBy(() -> config("lease.timeout", "500 ms"))
                .hasMessage(
                        "Invalid lease.timeout of the warehouse catalog (below 1 s): a duration of"
                                + " at least 1 s, such as '30 s'.");
    }

    @Test
    void aTypoInAJobSettingIsAnErrorNotAnIcebergProperty() {
        assertThatThrownBy(() -> config("auto-refresh.intervall", "5 s"))
                .isInstanceOf(WarehouseException.class)
                .hasMessage(
                        "Unknown option 'auto-refresh.intervall' of the warehouse catalog. Its"
                                + " options: warehouse, catalog-type, catalog-impl, uri,"
                                + " pipeline.state-dir, lease.timeout, auto-refresh.interval,"
                                + " pipeline.restart-attempts, pipeline.restart-delay,"
                                + " maintenance.interval, maintenance.snapshot-retention, maintenance.retain-last,"
                                + " maintenance.target-file-size, maintenance.orphan-file-age,"
                                + " the connector's aws.* and scan.* options, and the properties"
                                + " of the Iceberg catalog.");
        assertThatThrownBy(() -> config("pipeline.restart-attempt", "5"))
                .hasMessageStartingWith(
                        "Unknown option 'pipeline.restart-attempt' of the warehouse catalog.");
    }

    @Test
    void otherKeysAreIcebergCatalogProperties() {
        WarehouseConfig config = config("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");

        assertThat(config.kinesisSettings()).isEmpty();
        assertThat(config.options()).containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    }

    @Test
    void maintenanceIsOnByDefaultAndItsOptionsAreChecked() {
        assertThat(WarehouseConfig.of(Map.of("warehouse", "/wh")).maintenance())
                .isEqualTo(
                        new MaintenanceSettings(
                                Duration.ofMinutes(10),
                                Duration.ofMinutes(10),
                                10,
                                128L * 1024 * 1024,
                                Duration.ofDays(3)));
        WarehouseConfig tuned =
                WarehouseConfig.of(
                        Map.of(
                                "warehouse", "/wh",
                                "maintenance.interval", "0 s",
                                "maintenance.snapshot-retention", "1 h",
                                "maintenance.retain-last", "3",
                                "maintenance.target-file-size", "64 mb",
                                "maintenance.orphan-file-age", "2 h"));
        assertThat(tuned.maintenance())
                .isEqualTo(
                        new MaintenanceSettings(
                                Duration.ZERO,
                                Duration.ofHours(1),
                                3,
                                64L * 1024 * 1024,
                                Duration.ofHours(2)));

        assertThatThrownBy(() -> config("maintenance.retain-last", "0"))
                .hasMessage(
                        "Invalid maintenance.retain-last of the warehouse catalog (below 1): a"
                                + " whole number of at least 1, such as 10.");
        assertThatThrownBy(() -> config("maintenance.orphan-file-age", "10 min"))
                .hasMessage(
                        "Invalid maintenance.orphan-file-age of the warehouse catalog (below 1 h):"
                                + " a duration of at least 1 h, such as '3 d'.");
        assertThatThrownBy(() -> config("maintenance.snapshot-retension", "1 h"))
                .hasMessageStartingWith(
                        "Unknown option 'maintenance.snapshot-retension' of the warehouse"
                                + " catalog.");
    }

    private static WarehouseConfig config(String key, String value) {
        return WarehouseConfig.of(Map.of("warehouse", "/wh", key, value));
    }

    @Test
    void streamSettingsAreTheConnectorsOptionsWithValuesTheyRead() {
        assertThatThrownBy(() -> config("scan.nosuch.option", "1"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageStartingWith(
                        "Unknown option 'scan.nosuch.option' of the Kinesis streams: aws.* and"
                                + " scan.* keys are the connector's, and it has aws.region,"
                                + " aws.endpoint, ")
                .hasMessageContaining(", scan.shard.discovery-interval, ")
                .hasMessageEndingWith(" (docs/connector-options.md).");
        assertThatThrownBy(() -> config("scan.shard.discovery-interval", "banana"))
                .isInstanceOf(WarehouseException.class)
                .hasMessage(
                        "Invalid value 'banana' of the Kinesis streams' option"
                                + " scan.shard.discovery-interval: it expects a duration, such as"
                                + " '30 s', '500 ms' or '1 min'.");
        assertThatThrownBy(() -> config("aws.cbor.enabled", "off"))
                .hasMessage(
                        "Invalid value 'off' of the Kinesis streams' option aws.cbor.enabled: it"
                                + " expects true or false.");
        assertThat(config("scan.shard.discovery-interval", "5 s").kinesisSettings())
                .containsExactly(Map.entry("scan.shard.discovery-interval", "5 s"));
    }
}
