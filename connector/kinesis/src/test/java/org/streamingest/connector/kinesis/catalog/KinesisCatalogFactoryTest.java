package org.streamingest.connector.kinesis.catalog;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.FactoryUtil;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisCatalogFactoryTest {

    @Test
    void createsTheCatalogFromCreateCatalogOptions() {
        Catalog catalog =
                create(
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.endpoint", "http://127.0.0.1:4567"));

        assertThat(catalog).isInstanceOf(KinesisCatalog.class);
        assertThat(catalog.getDefaultDatabase()).isEqualTo("kinesis");
    }

    @Test
    void defaultDatabaseCanBeRenamed() {
        assertThat(create(Map.of("default-database", "streams")).getDefaultDatabase())
                .isEqualTo("streams");
    }

    @Test
    void unknownOptionKeyFailsNamingTheKey() {
        assertThatThrownBy(() -> create(Map.of("aws.regoin", "us-east-1")))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("Unsupported options:\n\naws.regoin\n")
                .hasStackTraceContaining("aws.region");
    }

    @Test
    void badEnumValueListsTheValidValues() {
        assertThatThrownBy(() -> create(Map.of("scan.stream.initial-position", "EARLIEST")))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("scan.stream.initial-position")
                .hasStackTraceContaining("EARLIEST")
                .hasStackTraceContaining("TRIM_HORIZON, LATEST, AT_TIMESTAMP");
    }

    @Test
    void badOptionValuesFailCreateCatalog() {
        assertThatThrownBy(() -> create(Map.of("aws.region", "US East")))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("aws.region")
                .hasStackTraceContaining("US East");
    }

    @Test
    void tableOptionsAreNotCatalogOptions() {
        assertThatThrownBy(() -> create(Map.of("stream", "orders")))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("Unsupported options:\n\nstream\n");
    }

    private static Catalog create(Map<String, String> options) {
        Map<String, String> withType = new HashMap<>(options);
        withType.put("type", "redshift-kinesis");
        return FactoryUtil.createCatalog(
                "k",
                withType,
                new Configuration(),
                KinesisCatalogFactoryTest.class.getClassLoader());
    }
}
