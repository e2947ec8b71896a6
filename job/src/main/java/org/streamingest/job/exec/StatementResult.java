package org.streamingest.job.exec;

import org.streamingest.warehouse.view.QueryResult;

/**
 * What one statement produced: rows for a query, else a message (for REFRESH it names the rows
 * added, which {@link #rowsAdded()} also gives).
 *
 * @param message a line for the user, such as {@code CREATE MATERIALIZED VIEW}
 * @param query the rows of a SELECT, or {@code null}
 * @param rowsAdded rows a REFRESH added, or -1
 */
public record StatementResult(String message, QueryResult query, long rowsAdded) {

    static StatementResult message(String message) {
        return new StatementResult(message, null, -1);
    }

    static StatementResult rows(QueryResult query) {
        return new StatementResult(null, query, -1);
    }

    static StatementResult refreshed(String view, long rows) {
        return new StatementResult(
                "REFRESH MATERIALIZED VIEW " + view + ": " + rows + " rows added", null, rows);
    }

    /** True if this is the answer to a query. */
    public boolean isQuery() {
        return query != null;
    }
}
