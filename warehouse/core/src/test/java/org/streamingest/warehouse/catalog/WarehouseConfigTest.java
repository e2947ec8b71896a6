package org.streamingest.warehouse.catalog;

import org.streamingest.warehouse.WarehouseException;

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
    void otherKeysAreIcebergCatalogProperties() {
        WarehouseConfig config = config("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");

        assertThat(config.kinesisSettings()).isEmpty();
        assertThat(config.options()).containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    }

    private static WarehouseConfig config(String key, String value) {
        return WarehouseConfig.of(Map.of("warehouse", "/wh", key, value));
    }
}
