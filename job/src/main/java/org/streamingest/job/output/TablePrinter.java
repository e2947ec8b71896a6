package org.streamingest.job.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints rows as an aligned text table, like a SQL client. Cells are shortened to a width. */
public final class TablePrinter {
    private final List<String> columns;
    private final int maxCellWidth;
    private final List<List<String>> rows = new ArrayList<>();

    public TablePrinter(List<String> columns, int maxCellWidth) {
        this.columns = List.copyOf(columns);
        this.maxCellWidth = maxCellWidth;
    }

    public void add(List<String> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(
                    "row has " + cells.size() + " cells, expected " + columns.size());
        }
        List<String> shortened = new ArrayList<>(cells.size());
        for (String cell : cells) {
            shortened.add(shorten(cell == null ? "NULL" : cell));
        }
        rows.add(shortened);
    }

    public void print(PrintStream out) {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        String rule = rule(widths);
        out.println(rule);
        out.println(line(columns, widths));
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, widths));
        }
        out.println(rule);
        out.println(rows.size() + (rows.size() == 1 ? " row" : " rows"));
    }

    private String shorten(String cell) {
        String flat = cell.replace('\n', ' ').replace('\r', ' ');
        return flat.length() <= maxCellWidth ? flat : flat.substring(0, maxCellWidth - 3) + "...";
    }

    private static String rule(int[] widths) {
        StringBuilder b = new StringBuilder("+");
        for (int w : widths) {
            b.append("-".repeat(w + 2)).append('+');
        }
        return b.toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            String c = cells.get(i);
            b.append(' ').append(c).append(" ".repeat(widths[i] - c.length())).append(" |");
        }
        return b.toString();
    }
}
