package org.streamingest.warehouse.catalog;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a warehouse keeps its state: a local directory or a URI (CLI {@code --warehouse DIR|URI},
 * default {@code ./warehouse}). Below the root sit the Iceberg Hadoop catalog ({@code iceberg/}),
 * the checkpoints of each view's pipelines ({@code checkpoints/<schema>.<view>/<job>/}) and one
 * savepoint directory per materialized view ({@code savepoints/<schema>.<view>/}) from which a
 * suspended pipeline resumes.
 */
public final class WarehouseLocation {

    private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:/.*");

    private final String root;

    private WarehouseLocation(String root) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    /** A warehouse at {@code dirOrUri}: a path (relative to the working directory) or a URI. */
    public static WarehouseLocation of(String dirOrUri) {
        Objects.requireNonNull(dirOrUri, "dirOrUri");
        if (dirOrUri.isBlank()) {
            throw new IllegalArgumentException(
                    "The warehouse location is empty: pass --warehouse with a directory or a URI"
                            + " such as file:///data/warehouse.");
        }
        if (HAS_SCHEME.matcher(dirOrUri).matches()) {
            return new WarehouseLocation(URI.create(dirOrUri).normalize().toString());
        }
        return new WarehouseLocation(
                Path.of(dirOrUri).toAbsolutePath().normalize().toUri().toString());
    }

    /** The root URI, without a trailing slash. */
    public String root() {
        return root;
    }

    /** The Iceberg Hadoop catalog's warehouse. */
    public String iceberg() {
        return root + "/iceberg";
    }

    /** The checkpoints of one materialized view's pipelines, one directory per job. */
    public String checkpoints(String schema, String view) {
        return root + "/checkpoints/" + schema + "." + view;
    }

    /** The savepoint directory of one materialized view. */
    public String savepoints(String schema, String view) {
        return root + "/savepoints/" + schema + "." + view;
    }

    @Override
    public String toString() {
        return root;
    }
}
