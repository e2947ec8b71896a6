package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;

import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Redshift's {@code SYS_STREAM_SCAN_STATES} for the views on streams: one row per view, shard and
 * refresh (the records of a shard one commit of the view made visible), with the records scanned
 * and skipped, their bytes, arrival times and the last position read.
 *
 * <p>The figures are written by the view's own pipeline, in the same Flink job and for the same
 * checkpoints as the view's rows: beside {@code INSERT INTO view <query>} it runs {@code INSERT
 * INTO <scan table> SELECT shard_id, refresh_time, ... FROM <stream> GROUP BY shard_id,
 * refresh_time} on the same source. The connector gives every record read between two checkpoints
 * of its reader the same {@code refresh_time} (a manual refresh: the refresh's start), so a group
 * is exactly what one checkpoint, and so one commit of the view, took from one shard. The scan
 * table is an Iceberg table per view (hidden in {@code pg_catalog}), keyed by shard and refresh
 * time and written with upserts by Iceberg's sink; the aggregates are Flink state of that
 * checkpoint. A restored pipeline therefore neither counts a record twice nor loses one: what the
 * restored checkpoint committed is in both tables, what came after it was in neither and is read
 * again. Records skipped are those for which the view's WHERE is not true, as its door found it
 * ({@link ViewQuery#scanSql()}); NULL where it is not known.
 */
public final class ScanStates {

    public static final String SYS_STREAM_SCAN_STATES = "sys_stream_scan_states";

    /** The column of a scan query: 1 for a record the view's WHERE skips, 0 for one it takes. */
    public static final String SKIPPED = "`$skipped`";

    /**
     * How long the pipeline keeps the running figures of one shard and refresh: a group is final
     * when its refresh (the span between two checkpoints) ends, so this only bounds the state; it
     * must exceed the longest span, which a manual refresh is.
     */
    static final String STATE_TTL = "1 d";

    /**
     * Name prefix of the scan tables in {@code pg_catalog}, which lists them not. Not {@code $} as
     * the leases: Flink SQL writes these tables, and Iceberg's Flink catalog reads {@code a$b} as
     * metadata table {@code b} of {@code a}.
     */
    static final String PREFIX = "mv_scan_states_";

    /** Columns of the scan table, keyed by shard and refresh time. */
    static final Schema SCHEMA =
            new Schema(
                    List.of(
                            Types.NestedField.required(1, "partition_id", Types.StringType.get()),
                            Types.NestedField.required(
                                    2, "record_time", Types.TimestampType.withoutZone()),
                            Types.NestedField.optional(
                                    3, "latest_position", Types.StringType.get()),
                            Types.NestedField.optional(4, "scanned_rows", Types.LongType.get()),
                            Types.NestedField.optional(5, "skipped_rows", Types.LongType.get()),
                            Types.NestedField.optional(6, "scanned_bytes", Types.LongType.get()),
                            Types.NestedField.optional(
                                    7, "stream_record_time_min", Types.TimestampType.withoutZone()),
                            Types.NestedField.optional(
                                    8,
                                    "stream_record_time_max",
                                    Types.TimestampType.withoutZone())),
                    Set.of(1, 2));

    /** Columns of {@code sys_stream_scan_states}. */
    public static final DataType ROW =
            DataTypes.ROW(
                    DataTypes.FIELD("external_schema_name", DataTypes.STRING()),
                    DataTypes.FIELD("stream_name", DataTypes.STRING()),
                    DataTypes.FIELD("mv_schema", DataTypes.STRING()),
                    DataTypes.FIELD("mv_name", DataTypes.STRING()),
                    DataTypes.FIELD("record_time", DataTypes.TIMESTAMP(3)),
                    DataTypes.FIELD("partition_id", DataTypes.STRING()),
                    DataTypes.FIELD("latest_position", DataTypes.STRING()),
                    DataTypes.FIELD("scanned_rows", DataTypes.BIGINT()),
                    DataTypes.FIELD("skipped_rows", DataTypes.BIGINT()),
                    DataTypes.FIELD("scanned_bytes", DataTypes.BIGINT()),
                    DataTypes.FIELD("stream_record_time_min", DataTypes.TIMESTAMP(3)),
                    DataTypes.FIELD("stream_record_time_max", DataTypes.TIMESTAMP(3)));

    private ScanStates() {}

    /** True if {@code name} (in {@code pg_catalog}) is the scan table of a view. */
    public static boolean isScanTable(String name) {
        return name.startsWith(PREFIX);
    }

    /** The scan table of {@code view}. */
    static TableIdentifier id(ObjectName view) {
        // no dots (Iceberg's Flink catalog refuses them); the schema's length keeps it unambiguous
        return TableIdentifier.of(
                Namespace.of(SystemViews.PG_CATALOG),
                PREFIX + view.schema().length() + "_" + view.schema() + "_" + view.name());
    }

    /** The scan table of {@code view} as Flink SQL names it in the view service's sessions. */
    static String flink(ObjectName view) {
        return new ObjectName(SystemViews.PG_CATALOG, id(view).name()).flink();
    }

    /** Creates the scan table of {@code view} unless it exists. */
    static void ensure(Catalog iceberg, ObjectName view) {
        TableIdentifier id = id(view);
        if (iceberg.tableExists(id)) {
            return;
        }
        SupportsNamespaces namespaces = (SupportsNamespaces) iceberg;
        if (!namespaces.namespaceExists(id.namespace())) {
            try {
                namespaces.createNamespace(id.namespace());
            } catch (AlreadyExistsException createdMeanwhile) {
                // another process made it
            }
        }
        Map<String, String> properties = new HashMap<>(ViewTables.TABLE_PROPERTIES);
        properties.put("write.upsert.enabled", "true");
        try {
            iceberg.createTable(id, SCHEMA, PartitionSpec.unpartitioned(), properties);
        } catch (AlreadyExistsException createdMeanwhile) {
            // another process made it
        }
    }

    /**
     * A scan query for a view on {@code stream} whose skipped records are not known: every record,
     * skipped NULL. Keeps a view that had scan states writing them (a pipeline's shape must not
     * change, or it cannot continue from its state) when its new query's skips cannot be told.
     */
    static String unknownSkips(String stream) {
        return "SELECT *, CAST(NULL AS INT) AS "
                + SKIPPED
                + " FROM "
                + ObjectName.parse(stream).flink();
    }

    /** Drops the scan table of {@code view}, if any. */
    static void drop(Catalog iceberg, ObjectName view) {
        iceberg.dropTable(id(view), true);
    }

    /**
     * The statement that writes the scan states of {@code view} from {@code scan}, its scan query
     * with the same table options as the view's query, so that both share one source.
     */
    static String insert(ObjectName view, String scan) {
        return "INSERT INTO "
                + flink(view)
                + " SELECT /*+ STATE_TTL('scan' = '"
                + STATE_TTL
                + "') */ shard_id, refresh_time, LAST_VALUE(sequence_number), COUNT(*),"
                + " SUM(CAST("
                + SKIPPED
                + " AS BIGINT)), SUM(CAST(LEN(kinesis_data) AS BIGINT)),"
                + " MIN(approximate_arrival_timestamp), MAX(approximate_arrival_timestamp)"
                + " FROM ("
                + scan
                + ") AS scan GROUP BY shard_id, refresh_time";
    }

    /** The rows of {@code sys_stream_scan_states} for every view on a stream of {@code iceberg}. */
    public static List<Row> rows(Catalog iceberg) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<ObjectName, ViewDefinition> view : views(iceberg).entrySet()) {
            TableIdentifier id = id(view.getKey());
            if (view.getValue().derived() || !iceberg.tableExists(id)) {
                continue;
            }
            ObjectName stream = ObjectName.parse(view.getValue().stream());
            List<Row> ofView = new ArrayList<>();
            try (CloseableIterable<Record> records =
                    IcebergGenerics.read(iceberg.loadTable(id)).build()) {
                for (Record r : records) {
                    ofView.add(
                            Row.of(
                                    stream.schema(),
                                    stream.name(),
                                    view.getKey().schema(),
                                    view.getKey().name(),
                                    r.getField("record_time"),
                                    r.getField("partition_id"),
                                    r.getField("latest_position"),
                                    r.getField("scanned_rows"),
                                    r.getField("skipped_rows"),
                                    r.getField("scanned_bytes"),
                                    r.getField("stream_record_time_min"),
                                    r.getField("stream_record_time_max")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the scan states of " + id, e);
            }
            ofView.sort(
                    Comparator.comparing((Row r) -> (LocalDateTime) r.getField(4))
                            .thenComparing(r -> (String) r.getField(5)));
            rows.addAll(ofView);
        }
        return rows;
    }

    private static Map<ObjectName, ViewDefinition> views(Catalog iceberg) {
        Map<ObjectName, ViewDefinition> views = new LinkedHashMap<>();
        for (Namespace namespace : ((SupportsNamespaces) iceberg).listNamespaces()) {
            for (TableIdentifier id : iceberg.listTables(namespace)) {
                if (id.name().startsWith("$")) {
                    continue;
                }
                Table table = iceberg.loadTable(id);
                if (ViewDefinition.isView(table.properties())) {
                    views.put(
                            new ObjectName(namespace.toString(), id.name()),
                            ViewDefinition.fromProperties(table.properties()));
                }
            }
        }
        return views;
    }
}
