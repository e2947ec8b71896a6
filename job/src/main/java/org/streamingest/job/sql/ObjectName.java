package org.streamingest.job.sql;

import java.util.Objects;

/** {@code schema.name}, with the schema filled in ({@code public} when the SQL named none). */
public record ObjectName(String schema, String name) {
    public static final String DEFAULT_SCHEMA = "public";

    public ObjectName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
