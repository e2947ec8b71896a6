package org.streamingest.functions.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table of Redshift functions and their examples, {@code redshift-functions.tsv}: the one
 * source of the example tests and of {@code docs/functions.md}.
 */
public final class FunctionTable {

    /** The resource the table lives in. */
    public static final String RESOURCE = "/redshift-functions.tsv";

    /** A row {@code function}: one Redshift function and how far the module supports it. */
    public record Function(
            String group,
            String name,
            String status,
            String signature,
            String notes,
            String page,
            List<Example> examples) {

        /** Whether the module provides this function. */
        public boolean provided() {
            return status.equals("supported") || status.equals("partial");
        }
    }

    /** A row {@code example}: a call, what it returns (or {@code ERROR: part of the message}). */
    public record Example(String function, String call, String expected, String source) {

        public boolean expectsError() {
            return expected.startsWith("ERROR: ");
        }

        /** The part of the error message the example expects. */
        public String expectedError() {
            return expected.substring("ERROR: ".length());
        }

        @Override
        public String toString() {
            return call;
        }
    }

    private FunctionTable() {}

    /** All functions in table order. */
    public static List<Function> functions() {
        try (InputStream in = FunctionTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All examples in table order. */
    public static List<Example> examples() {
        return functions().stream().flatMap(f -> f.examples().stream()).toList();
    }

    private static List<Function> parse(BufferedReader reader) throws IOException {
        List<Function> functions = new ArrayList<>();
        String group = "";
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            switch (cells[0]) {
                case "group" -> group = cell(cells, 1, number);
                case "function" -> {
                    checkCells(cells, 6, number);
                    String status = cells[2].toLowerCase(Locale.ROOT);
                    if (!List.of("supported", "partial", "not yet", "not redshift")
                            .contains(status)) {
                        throw new IllegalStateException(
                                RESOURCE + " line " + number + ": unknown status " + cells[2]);
                    }
                    functions.add(
                            new Function(
                                    group,
                                    cells[1],
                                    cells[2],
                                    cells[3],
                                    cells[4],
                                    cells[5],
                                    new ArrayList<>()));
                }
                case "example" -> {
                    checkCells(cells, 4, number);
                    if (functions.isEmpty()) {
                        throw new IllegalStateException(
                                RESOURCE + " line " + number + ": example before any function");
                    }
                    Function owner = functions.get(functions.size() - 1);
                    owner.examples().add(new Example(owner.name(), cells[1], cells[2], cells[3]));
                }
                default ->
                        throw new IllegalStateException(
                                RESOURCE + " line " + number + ": unknown row kind " + cells[0]);
            }
        }
        return functions;
    }

    private static String cell(String[] cells, int index, int line) {
        checkCells(cells, index + 1, line);
        return cells[index];
    }

    private static void checkCells(String[] cells, int count, int line) {
        if (cells.length != count) {
            throw new IllegalStateException(
                    RESOURCE
                            + " line "
                            + line
                            + ": expected "
                            + count
                            + " tab-separated cells, found "
                            + cells.length);
        }
    }
}
