package org.streamingest.job.warehouse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the warehouse keeps about a materialized view, as Iceberg table properties (prefix {@value
 * #PREFIX}) of the view's table: its SQL in both dialects, the one stream a base view reads, and
 * whether it refreshes automatically.
 *
 * @param redshiftSql the SELECT as the user wrote it
 * @param flinkSql the SELECT rewritten to Flink SQL, which the pipeline runs
 * @param stream {@code schema.stream} for a base view, or {@code null} for a view over tables
 * @param autoRefresh true for AUTO REFRESH YES
 */
public record ViewDefinition(
        String redshiftSql, String flinkSql, String stream, boolean autoRefresh) {

    public static final String PREFIX = "streaming-ingest.mv.";
    static final String REDSHIFT_SQL = PREFIX + "redshift-sql";
    static final String FLINK_SQL = PREFIX + "flink-sql";
    static final String STREAM = PREFIX + "stream";
    static final String AUTO_REFRESH = PREFIX + "auto-refresh";

    /** True if {@code properties} (of an Iceberg table) describe a materialized view. */
    static boolean isView(Map<String, String> properties) {
        return properties.containsKey(FLINK_SQL);
    }

    Map<String, String> toProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(REDSHIFT_SQL, redshiftSql);
        properties.put(FLINK_SQL, flinkSql);
        if (stream != null) {
            properties.put(STREAM, stream);
        }
        properties.put(AUTO_REFRESH, Boolean.toString(autoRefresh));
        return properties;
    }

    static ViewDefinition fromProperties(Map<String, String> properties) {
        return new ViewDefinition(
                properties.getOrDefault(REDSHIFT_SQL, ""),
                properties.get(FLINK_SQL),
                properties.get(STREAM),
                Boolean.parseBoolean(properties.get(AUTO_REFRESH)));
    }
}
