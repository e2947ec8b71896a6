package org.streamingest.gateway;

import java.util.Map;

/**
 * What the gateway runs for one statement a client sent: Flink SQL, with options for this statement
 * only (added to the client's execution configuration).
 *
 * @param statement the Flink SQL statement
 * @param options per-statement options, such as a batch runtime mode for a query
 * @param redshift whether the statement was Redshift SQL (else it goes through unchanged)
 */
record Translation(String statement, Map<String, String> options, boolean redshift) {

    Translation {
        options = Map.copyOf(options);
    }

    /** A statement that is not Redshift SQL: Flink runs it as sent. */
    static Translation unchanged(String statement) {
        return new Translation(statement, Map.of(), false);
    }

    static Translation redshift(String statement) {
        return new Translation(statement, Map.of(), true);
    }
}
