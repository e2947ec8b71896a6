package org.streamingest.warehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fresh directories for the servers' data and logs, under {@code target/warehouse-servers} of the
 * test's working directory (the module directory under Maven), or under the directory named by the
 * system property {@value #PROPERTY}. They are kept after the run, for reading the logs.
 */
final class WorkDirectories {

    static final String PROPERTY = "warehouse.testing.dir";

    private WorkDirectories() {}

    /** Creates {@code <base>/<prefix>-<random>}. */
    static Path create(String prefix) {
        Path base = Path.of(System.getProperty(PROPERTY, "target/warehouse-servers"));
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory under " + base, e);
        }
    }
}
