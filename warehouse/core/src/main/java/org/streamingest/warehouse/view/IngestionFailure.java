package org.streamingest.warehouse.view;

import org.streamingest.functions.json.NotJsonException;
import org.streamingest.warehouse.Warehouse;
import org.streamingest.warehouse.catalog.ObjectName;

import java.util.List;

/**
 * The message for a view pipeline that failed. When JSON_PARSE rejected a record (a view without
 * {@code WHERE CAN_JSON_PARSE(kinesis_data)}, Redshift semantics: the view's ingestion stops), it
 * names the stream, and via {@link BadRecords} the shard and sequence number of the record, gives
 * the JSON error with its byte offset, and says what to do (alter the view's query to add the
 * guard: {@link AlterViewQuery} continues from where it stopped). Rows committed before stay
 * queryable; the view's savepoint is left where the last successful refresh put it.
 */
final class IngestionFailure {

    static final String JSON_ERROR = "is not valid JSON";

    private IngestionFailure() {}

    /** Why the pipeline of {@code view} is {@code state}, from its job's root exception trace. */
    static String message(Warehouse warehouse, ObjectName view, String state, String trace) {
        String cause = firstLine(trace);
        String stream = stream(warehouse, view);
        if (stream == null || !trace.contains(NotJsonException.class.getName())) {
            return "The pipeline of " + view + " is " + state + ": " + cause;
        }
        ObjectName streamName = ObjectName.parse(stream);
        List<BadRecords.BadRecord> bad;
        try {
            bad =
                    BadRecords.find(
                            warehouse
                                    .catalog()
                                    .kinesisConfig(
                                            warehouse
                                                    .catalog()
                                                    .externalSchema(streamName.schema())
                                                    .get()),
                            streamName.name());
        } catch (RuntimeException e) {
            bad = List.of();
        }
        return stoppedByBadJson(view, stream, bad, cause);
    }

    /**
     * The message for {@code view}, stopped by a record of {@code stream} that JSON_PARSE rejected
     * with {@code cause} (the innermost line of the job's root exception: JSON_PARSE's own message,
     * which names the function, or the same after an exception's class name), the records {@code
     * bad} found in the stream, if any.
     */
    static String stoppedByBadJson(
            ObjectName view, String stream, List<BadRecords.BadRecord> bad, String cause) {
        return "The ingestion of materialized view "
                + view
                + " stopped: a record of stream "
                + stream
                + (bad.isEmpty() ? "" : " at " + bad.get(0))
                + " "
                + JSON_ERROR
                + (bad.size() > 1 ? " (other shards: " + bad.subList(1, bad.size()) + ")" : "")
                + ". "
                + cause.replaceFirst("^[\\w.$]+(Exception|Error): ", "")
                + " As in Redshift, a record JSON_PARSE rejects stops the view. Rows refreshed"
                + " before stay queryable. To go on from where it stopped, give the view the"
                + " guard that skips such records (ALTER MATERIALIZED VIEW "
                + view
                + " AS SELECT ... WHERE CAN_JSON_PARSE(kinesis_data)), then refresh it.";
    }

    private static String stream(Warehouse warehouse, ObjectName view) {
        try {
            return ViewDefinition.fromProperties(warehouse.table(view).properties()).stream();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The innermost "Caused by" line of a stack trace, else its first line. */
    static String firstLine(String trace) {
        String reason = trace.lines().findFirst().orElse("");
        for (String line : (Iterable<String>) trace.lines()::iterator) {
            if (line.startsWith("Caused by: ")) {
                reason = line.substring("Caused by: ".length());
            }
        }
        return reason;
    }
}
