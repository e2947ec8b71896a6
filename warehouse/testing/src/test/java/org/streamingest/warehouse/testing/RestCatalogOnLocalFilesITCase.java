package org.streamingest.warehouse.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST catalog on a local warehouse directory: a created table's metadata is a local file. */
class RestCatalogOnLocalFilesITCase {

    @RegisterExtension
    static final IcebergRestCatalogExtension CATALOG = IcebergRestCatalogExtension.onLocalFiles();

    @Test
    void writesTheMetadataOfACreatedTableToTheWarehouseDirectory() {
        // Given
        assertThat(
                        Http.post(
                                        CATALOG.uri().resolve("/v1/namespaces"),
                                        "{\"namespace\":[\"local\"]}")
                                .statusCode())
                .isEqualTo(200);

        // When
        HttpResponse<String> created =
                Http.post(
                        CATALOG.uri().resolve("/v1/namespaces/local/tables"),
                        "{\"name\":\"t\",\"schema\":{\"type\":\"struct\",\"schema-id\":0,"
                                + "\"fields\":[{\"id\":1,\"name\":\"id\",\"required\":false,"
                                + "\"type\":\"string\"}]}}");

        // Then
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(CATALOG.catalogProperties())
                .containsOnlyKeys("catalog-impl", "uri")
                .containsEntry("uri", CATALOG.uri().toString());
        Path metadata = Path.of(URI.create(Http.json(created).get("metadata-location").asText()));
        assertThat(metadata).startsWith(Path.of(URI.create(CATALOG.server().warehouse())));
        assertThat(Files.isRegularFile(metadata)).isTrue();
    }
}
