package org.streamingest.warehouse.catalog;

import java.util.Objects;

/** {@code schema.name}, with the schema filled in ({@code public} when the SQL named none). */
public record ObjectName(String schema, String name) {
    public static final String DEFAULT_SCHEMA = "public";

    public ObjectName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** The name as a Flink SQL reference: {@code `schema`.`name`}. */
    public String flink() {
        return quote(schema) + "." + quote(name);
    }

    /** A Flink SQL identifier: back-quoted, back quotes doubled. */
    public static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** {@code schema.name} as stored for a base view's stream: the schema ends at the first dot. */
    public static ObjectName parse(String qualified) {
        int dot = qualified.indexOf('.');
        return new ObjectName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
