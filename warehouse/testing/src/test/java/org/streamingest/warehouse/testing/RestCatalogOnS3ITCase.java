package org.streamingest.warehouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST catalog on S3, end to end over plain HTTP: namespaces round-trip, a created table's
 * metadata file is an object in the S3 bucket, and the bucket serves unsigned PUT and GET.
 */
class RestCatalogOnS3ITCase {

    @RegisterExtension
    static final IcebergRestCatalogExtension CATALOG = IcebergRestCatalogExtension.onS3();

    @Test
    void createsANamespaceAndReadsItBack() {
        // When
        HttpResponse<String> created =
                Http.post(
                        CATALOG.uri().resolve("/v1/namespaces"),
                        "{\"namespace\":[\"it_namespace\"],\"properties\":{\"owner\":\"itcase\"}}");
        HttpResponse<String> read = Http.get(CATALOG.uri().resolve("/v1/namespaces/it_namespace"));

        // Then: the JDBC backend adds the namespace's location in the S3 warehouse
        JsonNode expected =
                Http.json(
                        "{\"namespace\":[\"it_namespace\"],\"properties\":{\"owner\":\"itcase\","
                                + "\"location\":\"s3://warehouse/rest-catalog/it_namespace\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(Http.json(created)).isEqualTo(expected);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(Http.json(read)).isEqualTo(expected);
    }

    @Test
    void writesTheMetadataOfACreatedTableToTheBucket() {
        // Given
        assertThat(
                        Http.post(
                                        CATALOG.uri().resolve("/v1/namespaces"),
                                        "{\"namespace\":[\"it_tables\"]}")
                                .statusCode())
                .isEqualTo(200);

        // When
        HttpResponse<String> created =
                Http.post(
                        CATALOG.uri().resolve("/v1/namespaces/it_tables/tables"),
                        "{\"name\":\"events\",\"schema\":{\"type\":\"struct\",\"schema-id\":0,"
                                + "\"fields\":[{\"id\":1,\"name\":\"id\",\"required\":true,"
                                + "\"type\":\"long\"}]}}");

        // Then the catalog reports its metadata file under the S3 warehouse ...
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode table = Http.json(created);
        String tableLocation = "s3://warehouse/rest-catalog/it_tables/events";
        assertThat(table.get("metadata").get("location").asText()).isEqualTo(tableLocation);
        String metadataLocation = table.get("metadata-location").asText();
        assertThat(metadataLocation)
                .startsWith(tableLocation + "/metadata/00000-")
                .endsWith(".metadata.json");

        // ... and that file is an object in the bucket, holding the same table.
        String key = metadataLocation.substring("s3://warehouse/".length());
        HttpResponse<String> object = Http.get(objectUri(key));
        assertThat(object.statusCode()).as(object.body()).isEqualTo(200);
        JsonNode stored = Http.json(object);
        assertThat(stored.get("table-uuid").asText())
                .isEqualTo(table.get("metadata").get("table-uuid").asText());
        assertThat(stored.get("location").asText()).isEqualTo(tableLocation);
    }

    @Test
    void storesAndServesUnsignedObjects() {
        // When
        HttpResponse<String> put = Http.put(objectUri("itcase/hello.txt"), "hello from the ITCase");
        HttpResponse<String> get = Http.get(objectUri("itcase/hello.txt"));

        // Then
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("hello from the ITCase");
    }

    private static URI objectUri(String key) {
        S3Server s3 = CATALOG.s3();
        return URI.create(s3.endpoint() + "/" + s3.bucket() + "/" + key);
    }
}
