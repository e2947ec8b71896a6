package org.streamingest.warehouse.procedure;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;

import java.util.Locale;

/**
 * A view named in a procedure's argument, as Redshift reads names: {@code v} is {@code public.v};
 * unquoted names fold to lower case, {@code "My View"} keeps its case.
 */
public final class ViewNames {

    private ViewNames() {}

    public static ObjectName parse(String argument) {
        if (argument == null || argument.isBlank()) {
            throw new WarehouseException(
                    "Name the materialized view, such as 'public.my_view' or 'my_view'.");
        }
        String text = argument.trim();
        int dot = separator(text);
        return dot < 0
                ? new ObjectName(ObjectName.DEFAULT_SCHEMA, fold(text))
                : new ObjectName(fold(text.substring(0, dot)), fold(text.substring(dot + 1)));
    }

    /** The dot between schema and name, outside double quotes; -1 if none. */
    private static int separator(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String fold(String part) {
        String trimmed = part.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("\"\"", "\"");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }
}
