package org.streamingest.job.exec;

import org.streamingest.job.output.TablePrinter;
import org.streamingest.warehouse.view.QueryResult;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.types.Row;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * How {@code run} prints query results on stdout: {@code table} (aligned text, default), {@code
 * csv} (RFC 4180, header line) or {@code json} (one object per row and line, columns by name).
 * Binary values print as Base64, timestamps in ISO-8601, SUPER values as their JSON text.
 */
public enum ResultFormat {
    TABLE,
    CSV,
    JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The format named {@code name} (case-insensitive), or an error listing the choices. */
    public static ResultFormat of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--format must be table, csv or json, got '" + name + "'.");
        }
    }

    /** Prints {@code result} to {@code out}. */
    public void print(QueryResult result, PrintStream out) {
        switch (this) {
            case TABLE:
                TablePrinter table = new TablePrinter(result.columns(), 80);
                result.rows().forEach(row -> table.add(cells(row)));
                table.print(out); // ends with the "N rows" line
                break;
            case CSV:
                out.println(csvLine(result.columns()));
                result.rows().forEach(row -> out.println(csvLine(cells(row))));
                break;
            case JSON:
                result.rows().forEach(row -> out.println(json(result.columns(), row)));
                break;
        }
    }

    static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>(row.getArity());
        for (int i = 0; i < row.getArity(); i++) {
            cells.add(text(row.getField(i)));
        }
        return cells;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }

    static String csvLine(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String cell = cells.get(i);
            if (cell == null) {
                continue;
            }
            if (cell.isEmpty() || cell.matches("(?s).*[\",\\r\\n].*")) {
                line.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                line.append(cell);
            }
        }
        return line.toString();
    }

    static String json(List<String> columns, Row row) {
        ObjectNode object = MAPPER.createObjectNode();
        for (int i = 0; i < columns.size(); i++) {
            Object value = row.getField(i);
            if (value == null) {
                object.putNull(columns.get(i));
            } else if (value instanceof Number || value instanceof Boolean) {
                object.set(columns.get(i), MAPPER.valueToTree(value));
            } else {
                object.put(columns.get(i), text(value));
            }
        }
        try {
            return MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
