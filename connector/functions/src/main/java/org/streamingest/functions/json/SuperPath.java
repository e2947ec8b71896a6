package org.streamingest.functions.json;

import java.util.ArrayList;
import java.util.List;

/**
 * A SUPER navigation path as the SQL front end writes it: {@code ."name"} per attribute (a {@code
 * "} in a name doubled) and {@code [n]} per array index, e.g. {@code ."items"[0]."sku"}.
 */
public final class SuperPath {

    private final String text;
    private final List<Object> steps;

    private SuperPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** The path's steps: a {@link String} attribute name or an {@link Integer} index each. */
    public List<Object> steps() {
        return steps;
    }

    public String text() {
        return text;
    }

    /** Parses a path; throws {@link IllegalArgumentException} saying what is wrong. */
    public static SuperPath parse(String text) {
        List<Object> steps = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                StringBuilder name = new StringBuilder();
                int j = i + 2;
                while (true) {
                    int quote = text.indexOf('"', j);
                    if (quote < 0) {
                        throw invalid(text, "an attribute name lacks its closing \"");
                    }
                    name.append(text, j, quote);
                    if (quote + 1 < text.length() && text.charAt(quote + 1) == '"') {
                        name.append('"');
                        j = quote + 2;
                    } else {
                        i = quote + 1;
                        break;
                    }
                }
                steps.add(name.toString());
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                String digits = close < 0 ? "" : text.substring(i + 1, close);
                if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
                    throw invalid(text, "an array index must be [digits]");
                }
                steps.add(Integer.parseInt(digits));
                i = close + 1;
            } else {
                throw invalid(text, "expected .\"name\" or [index] at offset " + i);
            }
        }
        if (steps.isEmpty()) {
            throw invalid(text, "the path is empty");
        }
        return new SuperPath(text, List.copyOf(steps));
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException(
                "invalid SUPER path '" + text + "': " + reason + " (e.g. .\"items\"[0].\"sku\").");
    }
}
