package org.streamingest.warehouse.view;

import org.apache.flink.types.Row;

import java.util.List;

/** The answer to a SELECT: column names and rows, in the order the query produced them. */
public record QueryResult(List<String> columns, List<Row> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
