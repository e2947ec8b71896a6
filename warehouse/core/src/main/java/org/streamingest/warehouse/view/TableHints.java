package org.streamingest.warehouse.view;

import org.streamingest.warehouse.catalog.ObjectName;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Adds dynamic table options ({@code /*+ OPTIONS('k'='v') *}{@code /}) to the table references of a
 * query that the front end rewrote to Flink SQL. The rewriter prints every table of a FROM clause
 * as {@code `schema`.`name`} after {@code FROM}, {@code JOIN} or a comma; a column reference with
 * the same text is followed by a dot (its column) and left alone. (Only {@code alias.column} in a
 * select list, with an alias spelled like a schema and a column like a table, would be taken for
 * one.)
 */
final class TableHints {

    private TableHints() {}

    /** {@code flinkSql} with {@code options} on every FROM reference of {@code table}. */
    static String withOptions(String flinkSql, ObjectName table, Map<String, String> options) {
        String reference = table.flink();
        String hint =
                options.entrySet().stream()
                        .map(e -> quote(e.getKey()) + "=" + quote(e.getValue()))
                        .collect(Collectors.joining(", ", " /*+ OPTIONS(", ") */"));
        StringBuilder hinted = new StringBuilder();
        int from = 0;
        int found = 0;
        for (int at = flinkSql.indexOf(reference);
                at >= 0;
                at = flinkSql.indexOf(reference, at + 1)) {
            int end = at + reference.length();
            if (isTableReference(flinkSql, at, end)) {
                hinted.append(flinkSql, from, end).append(hint);
                from = end;
                found++;
            }
        }
        if (found == 0) {
            throw new IllegalStateException(
                    "The view's Flink SQL does not read " + reference + ": " + flinkSql);
        }
        return hinted.append(flinkSql.substring(from)).toString();
    }

    private static boolean isTableReference(String sql, int start, int end) {
        if (end < sql.length() && (sql.charAt(end) == '.' || sql.charAt(end) == '`')) {
            return false;
        }
        String before = sql.substring(0, start).stripTrailing();
        return before.endsWith(",") || endsWithWord(before, "FROM") || endsWithWord(before, "JOIN");
    }

    private static boolean endsWithWord(String text, String word) {
        int at = text.length() - word.length();
        return at >= 0
                && text.regionMatches(true, at, word, 0, word.length())
                && (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)));
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
