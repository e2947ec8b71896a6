package org.streamingest.warehouse.catalog;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarehouseLocationTest {

    @Test
    void aRelativeDirectoryBecomesAnAbsoluteFileUri() {
        WarehouseLocation location = WarehouseLocation.of("warehouse");
        String expected = Path.of("warehouse").toAbsolutePath().toUri().toString();
        assertThat(location.root() + "/")
                .isEqualTo(expected.endsWith("/") ? expected : expected + "/");
        assertThat(location.iceberg()).isEqualTo(location.root() + "/iceberg");
        assertThat(location.checkpoints("public", "v"))
                .isEqualTo(location.root() + "/checkpoints/public.v");
        assertThat(location.savepoints("public", "my_view"))
                .isEqualTo(location.root() + "/savepoints/public.my_view");
    }

    @Test
    void aUriIsKeptWithoutItsTrailingSlash() {
        assertThat(WarehouseLocation.of("s3://bucket/wh/").root()).isEqualTo("s3://bucket/wh");
        assertThat(WarehouseLocation.of("file:///tmp/wh").iceberg())
                .isEqualTo("file:///tmp/wh/iceberg");
    }

    @Test
    void anEmptyLocationIsRejectedWithAHint() {
        assertThatThrownBy(() -> WarehouseLocation.of(" ")).hasMessageContaining("--warehouse");
    }

    @Test
    void externalSchemaPropertiesRoundTrip() {
        ExternalSchema withRegion =
                new ExternalSchema("kds", "eu-west-1", "arn:aws:iam::123456789012:role/r");
        Map<String, String> properties = withRegion.toProperties();
        assertThat(ExternalSchema.fromProperties("kds", properties)).isEqualTo(withRegion);
        assertThat(withRegion.usesDefaultRole()).isFalse();

        ExternalSchema plain = new ExternalSchema("kds", null, "DEFAULT");
        assertThat(ExternalSchema.fromProperties("kds", plain.toProperties())).isEqualTo(plain);
        assertThat(plain.usesDefaultRole()).isTrue();
        assertThatThrownBy(() -> ExternalSchema.fromProperties("x", Map.of()))
                .hasMessageContaining("unknown source");
    }
}
