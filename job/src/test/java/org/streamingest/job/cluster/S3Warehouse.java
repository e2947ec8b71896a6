package org.streamingest.job.cluster;

import org.streamingest.warehouse.testing.IcebergRestCatalogExtension;
import org.streamingest.warehouse.testing.S3Server;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warehouse as the AWS overlay of k8s/ has one, on this machine: its files on the local S3 server
 * behind the Iceberg REST catalog, the views' checkpoints and savepoints on S3 through Flink's S3
 * plugin, under a prefix of its own. Also reads the manifests, replacing the overlay's example
 * bucket by this warehouse.
 */
final class S3Warehouse {

    /** The AWS overlay's example prefix, where its warehouse and Flink state live. */
    static final String OVERLAY_PREFIX = "s3://my-warehouse-bucket/streaming-ingest";

    static final Path K8S = Path.of("..", "k8s");

    private final IcebergRestCatalogExtension rest;
    private final String prefix;

    S3Warehouse(IcebergRestCatalogExtension rest, String name) {
        this.rest = rest;
        this.prefix = "s3://" + rest.s3().bucket() + "/" + name + "-" + UUID.randomUUID();
    }

    /** The warehouse, where the overlay has {@code <prefix>/warehouse}. */
    String uri() {
        return prefix + "/warehouse";
    }

    /** {@code value} of a manifest with the overlay's example prefix replaced by this one's. */
    String onThisPrefix(String value) {
        return value.startsWith(OVERLAY_PREFIX)
                ? prefix + value.substring(OVERLAY_PREFIX.length())
                : value;
    }

    /** The REST catalog's client options: the backend and Iceberg's S3FileIO on the S3 server. */
    Map<String, String> catalogOptions() {
        Map<String, String> options = new LinkedHashMap<>(rest.catalogProperties());
        options.remove("catalog-impl");
        options.put("catalog-type", "rest");
        return options;
    }

    /** Flink's S3 plugin on the local S3 server (on EKS: the pods' IRSA credentials). */
    static Map<String, String> s3Plugin(IcebergRestCatalogExtension rest) {
        S3Server s3 = rest.s3();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("s3.endpoint", s3.endpoint().toString());
        options.put("s3.path.style.access", "true");
        options.put("s3.access-key", S3Server.ACCESS_KEY_ID);
        options.put("s3.secret-key", S3Server.SECRET_ACCESS_KEY);
        return options;
    }

    Map<String, String> s3Plugin() {
        return s3Plugin(rest);
    }

    /**
     * The program arguments of a view application's manifest ({@code --catalog k=v ... --view v})
     * on this warehouse: each {@code --catalog} value replaced by this warehouse's (or by {@code
     * servers}': the Kinesis region and endpoint), failing on a key this test does not know; the
     * options the manifest does not name (the local servers' endpoints and keys) added.
     */
    List<String> viewArgs(JsonNode manifestArgs, Map<String, String> servers) {
        Map<String, String> ours = new LinkedHashMap<>(catalogOptions());
        ours.put("warehouse", uri());
        ours.putAll(servers);
        List<String> args = new ArrayList<>();
        List<String> given = new ArrayList<>();
        manifestArgs.forEach(arg -> given.add(arg.asText()));
        for (int i = 0; i < given.size(); i++) {
            String arg = given.get(i);
            args.add(arg);
            if (arg.equals("--catalog")) {
                String option = given.get(++i);
                String key = option.substring(0, option.indexOf('='));
                assertThat(ours).as("a value for --catalog %s", key).containsKey(key);
                args.add(key + "=" + ours.remove(key));
            } else if (arg.equals("--view")) {
                args.add(given.get(++i));
            }
        }
        ours.forEach((k, v) -> args.addAll(List.of("--catalog", k + "=" + v)));
        return args;
    }

    /**
     * A manifest's {@code flinkConfiguration} on this warehouse: HA and the IRSA credential
     * provider give way to a standalone cluster and the S3 server's keys.
     */
    Map<String, String> flinkConfiguration(JsonNode manifestConfiguration) {
        Map<String, String> config = new LinkedHashMap<>();
        manifestConfiguration
                .fields()
                .forEachRemaining(
                        field ->
                                config.put(
                                        field.getKey(), onThisPrefix(field.getValue().asText())));
        config.keySet().removeIf(key -> key.startsWith("high-availability."));
        config.remove("s3.aws.credentials.provider");
        config.putAll(s3Plugin());
        return config;
    }

    /**
     * The lease of {@code schema.view} as the warehouse stores it (a property of the table
     * pg_catalog.$leases, {@code host=...;pid=...;session=...;...;job=...}), or null if free.
     */
    String lease(String schema, String view) throws Exception {
        Catalog iceberg = catalog();
        try {
            return iceberg.loadTable(TableIdentifier.of("pg_catalog", "$leases"))
                    .properties()
                    .get("lease." + schema + "." + view);
        } finally {
            if (iceberg instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private Catalog catalog() {
        Map<String, String> properties = new HashMap<>(rest.catalogProperties());
        properties.put("warehouse", uri());
        return CatalogUtil.buildIcebergCatalog(
                "s3-warehouse-it", properties, new org.apache.hadoop.conf.Configuration());
    }

    /** Waits up to 2 minutes until the Iceberg table of {@code view} holds {@code rows} rows. */
    void awaitCommittedRows(String schema, String view, long rows) throws Exception {
        Catalog iceberg = catalog();
        try {
            Table table = iceberg.loadTable(TableIdentifier.of(schema, view));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            long committed = -1;
            while (System.nanoTime() < deadline) {
                table.refresh();
                Snapshot snapshot = table.currentSnapshot();
                committed =
                        snapshot == null
                                ? 0
                                : Long.parseLong(
                                        snapshot.summary().getOrDefault("total-records", "0"));
                if (committed >= rows) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(committed).as("rows committed to " + schema + "." + view).isEqualTo(rows);
        } finally {
            if (iceberg instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** A manifest of k8s/ ({@code base/...} or {@code overlays/...}). */
    static JsonNode manifest(String path) {
        try {
            return new YAMLMapper().readTree(K8S.resolve(path).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read k8s/" + path, e);
        }
    }
}
