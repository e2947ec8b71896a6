package org.streamingest.warehouse.view;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;

import org.apache.flink.util.TimeUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the warehouse keeps about a materialized view, as Iceberg table properties (prefix {@value
 * #PREFIX}) of the view's table: its SQL in both dialects, what it reads, whether it refreshes
 * automatically, and how often if it says so. A <em>base</em> view reads exactly one stream; a
 * <em>derived</em> view reads other materialized views and tables of the warehouse (its {@code
 * inputs}).
 *
 * @param redshiftSql the SELECT as the user wrote it
 * @param flinkSql the SELECT rewritten to Flink SQL, which the pipeline runs
 * @param stream {@code schema.stream} for a base view, or {@code null} for a derived view
 * @param inputs the relations a derived view reads, in the order the query names them; empty for a
 *     base view
 * @param autoRefresh true for AUTO REFRESH YES
 * @param freshness the view's own auto-refresh interval (what Flink's {@code FRESHNESS = INTERVAL
 *     ...} states), which overrides the warehouse's ({@link JobSettings}); {@code null} for none,
 *     as for every view written before it was kept
 * @param scanSql the query's scan query ({@link ViewQuery#scanSql()}), {@code null} if unknown
 */
public record ViewDefinition(
        String redshiftSql,
        String flinkSql,
        String stream,
        List<ObjectName> inputs,
        boolean autoRefresh,
        Duration freshness,
        String scanSql) {

    public static final String PREFIX = "streaming-ingest.mv.";
    static final String REDSHIFT_SQL = PREFIX + "redshift-sql";
    static final String FLINK_SQL = PREFIX + "flink-sql";
    static final String STREAM = PREFIX + "stream";
    static final String INPUTS = PREFIX + "inputs";
    static final String AUTO_REFRESH = PREFIX + "auto-refresh";
    static final String FRESHNESS = PREFIX + "freshness";
    static final String SCAN_SQL = PREFIX + "scan-sql";

    public ViewDefinition {
        inputs = List.copyOf(inputs);
    }

    /** The definition of a view with {@code query}: on {@code stream}, or derived if it is null. */
    static ViewDefinition of(ViewQuery query, String stream, boolean autoRefresh) {
        return stream == null
                ? new ViewDefinition(
                        query.redshiftSql(),
                        query.flinkSql(),
                        null,
                        query.referencedTables(),
                        autoRefresh,
                        null,
                        null)
                : onStream(query.redshiftSql(), query.flinkSql(), stream, autoRefresh)
                        .withScanSql(query.scanSql());
    }

    /** A base view on {@code stream}. */
    static ViewDefinition onStream(
            String redshiftSql, String flinkSql, String stream, boolean autoRefresh) {
        return new ViewDefinition(
                redshiftSql, flinkSql, stream, List.of(), autoRefresh, null, null);
    }

    /** This definition with {@code sql} as its scan query ({@link ViewQuery#scanSql()}). */
    ViewDefinition withScanSql(String sql) {
        return new ViewDefinition(
                redshiftSql, flinkSql, stream, inputs, autoRefresh, freshness, sql);
    }

    /** True for a view over other views and tables, false for a view on a stream. */
    public boolean derived() {
        return stream == null;
    }

    ViewDefinition withAutoRefresh(boolean auto) {
        return new ViewDefinition(redshiftSql, flinkSql, stream, inputs, auto, freshness, scanSql);
    }

    /** This definition with the view's own auto-refresh interval, {@code null} for none. */
    ViewDefinition withFreshness(Duration interval) {
        return new ViewDefinition(
                redshiftSql, flinkSql, stream, inputs, autoRefresh, interval, scanSql);
    }

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
        } else {
            properties.put(INPUTS, Integer.toString(inputs.size()));
            for (int i = 0; i < inputs.size(); i++) {
                properties.put(input(i, "schema"), inputs.get(i).schema());
                properties.put(input(i, "name"), inputs.get(i).name());
            }
        }
        properties.put(AUTO_REFRESH, Boolean.toString(autoRefresh));
        if (freshness != null) {
            properties.put(FRESHNESS, TimeUtils.formatWithHighestUnit(freshness));
        }
        if (scanSql != null) {
            properties.put(SCAN_SQL, scanSql);
        }
        return properties;
    }

    static ViewDefinition fromProperties(Map<String, String> properties) {
        List<ObjectName> inputs = new ArrayList<>();
        int count = Integer.parseInt(properties.getOrDefault(INPUTS, "0"));
        for (int i = 0; i < count; i++) {
            inputs.add(
                    new ObjectName(
                            properties.get(input(i, "schema")), properties.get(input(i, "name"))));
        }
        return new ViewDefinition(
                properties.getOrDefault(REDSHIFT_SQL, ""),
                properties.get(FLINK_SQL),
                properties.get(STREAM),
                inputs,
                Boolean.parseBoolean(properties.get(AUTO_REFRESH)),
                freshness(properties.get(FRESHNESS)),
                properties.get(SCAN_SQL));
    }

    /** The view's own interval as kept, {@code null} when absent. */
    private static Duration freshness(String kept) {
        if (kept == null) {
            return null;
        }
        try {
            return TimeUtils.parseDuration(kept);
        } catch (IllegalArgumentException e) {
            throw new WarehouseException(
                    "Invalid table property "
                            + FRESHNESS
                            + " '"
                            + kept
                            + "' of a materialized view: a duration such as '5 s'.");
        }
    }

    /** The key of one attribute of input {@code i}: names are kept apart, never parsed back. */
    private static String input(int i, String attribute) {
        return PREFIX + "input." + i + "." + attribute;
    }
}
