package org.streamingest.job.sql;

import org.streamingest.warehouse.catalog.ObjectName;

import java.util.Locale;

/**
 * Redshift identifier case: unquoted identifiers fold to lower case; a double-quoted identifier
 * keeps its case only when {@code enable_case_sensitive_identifier} is on, else it folds too.
 */
public final class Identifiers {

    private Identifiers() {}

    /** The name an identifier as written ({@code abc} or {@code "A""b"}) stands for. */
    public static String fold(String written, boolean caseSensitive) {
        if (written.length() >= 2 && written.startsWith("\"") && written.endsWith("\"")) {
            String name = written.substring(1, written.length() - 1).replace("\"\"", "\"");
            return caseSensitive ? name : name.toLowerCase(Locale.ROOT);
        }
        return written.toLowerCase(Locale.ROOT);
    }

    /** A Flink SQL identifier: back-quoted, back quotes doubled. */
    public static String flink(String name) {
        return ObjectName.quote(name);
    }
}
