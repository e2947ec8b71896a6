package org.streamingest.job.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The result tables the SQL client prints in tableau mode, read back from its output: every run of
 * {@code | a | b |} lines between {@code +---+} borders is a table whose first line is the header.
 * Cells are trimmed; {@code <NULL>} stays as printed. Terminal escape sequences and carriage
 * returns are removed first ({@link #plain}).
 */
public final class Tableau {

    private static final Pattern ESCAPES =
            Pattern.compile(
                    "\u001B\\[[0-?]*[ -/]*[@-~]" // CSI: colours, cursor, modes
                            + "|\u001B\\][^\u0007]*\u0007" // OSC: window title
                            + "|\u001B[()][A-Za-z0-9]|\u001B[=>]"); // charsets, keypad
    private static final String PROMPT = "Flink SQL> ";

    /** One printed table. */
    public record Table(List<String> header, List<List<String>> rows) {

        /** The values of {@code columns}, by header name, in every row. */
        public List<List<String>> select(String... columns) {
            List<Integer> indexes = new ArrayList<>();
            for (String column : columns) {
                int index = header.indexOf(column);
                if (index < 0) {
                    throw new AssertionError("No column " + column + " in " + header);
                }
                indexes.add(index);
            }
            return rows.stream().map(row -> indexes.stream().map(row::get).toList()).toList();
        }
    }

    private Tableau() {}

    /** {@code output} without escape sequences and carriage returns. */
    public static String plain(String output) {
        return ESCAPES.matcher(output).replaceAll("").replace("\r", "");
    }

    /** Every table in {@code output}, in order. */
    public static List<Table> tables(String output) {
        List<Table> tables = new ArrayList<>();
        List<List<String>> lines = new ArrayList<>();
        for (String line : plain(output).split("\n", -1)) {
            String text = line.startsWith(PROMPT) ? line.substring(PROMPT.length()) : line;
            if (text.startsWith("|")) {
                lines.add(cells(text));
            } else if (!text.startsWith("+-")) {
                if (!lines.isEmpty()) {
                    tables.add(
                            new Table(lines.get(0), List.copyOf(lines.subList(1, lines.size()))));
                    lines.clear();
                }
            }
        }
        if (!lines.isEmpty()) {
            tables.add(new Table(lines.get(0), List.copyOf(lines.subList(1, lines.size()))));
        }
        return tables;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.lastIndexOf('|'));
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }
}
