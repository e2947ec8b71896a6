package org.streamingest.warehouse.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the classpaths of the child JVMs. The build resolves them (maven-dependency-plugin {@code
 * build-classpath}) into resources of this jar, {@value #REST_RESOURCE} and {@value
 * #S3MOCK_RESOURCE}, so a module that depends on this one needs no setup. The system properties
 * {@value #REST_PROPERTY} and {@value #S3MOCK_PROPERTY} name other files of the same format ({@code
 * java -cp} value) to use instead.
 */
public final class ChildClasspath {

    public static final String REST_PROPERTY = "warehouse.testing.rest.classpath";
    public static final String S3MOCK_PROPERTY = "warehouse.testing.s3mock.classpath";
    static final String REST_RESOURCE = "META-INF/streaming-ingest/iceberg-rest-catalog.classpath";
    static final String S3MOCK_RESOURCE = "META-INF/streaming-ingest/s3mock.classpath";

    private ChildClasspath() {}

    /** The REST catalog JVM's classpath: this module (for its main class) and its dependencies. */
    static List<Path> restCatalog() {
        List<Path> entries = new ArrayList<>();
        entries.add(thisModule());
        entries.addAll(read(REST_PROPERTY, REST_RESOURCE));
        return entries;
    }

    /** The s3mock exec jar (a Spring Boot fat jar). */
    static Path s3mockJar() {
        List<Path> entries = read(S3MOCK_PROPERTY, S3MOCK_RESOURCE);
        if (entries.size() != 1) {
            throw new IllegalStateException("Expected one s3mock jar, got " + entries);
        }
        return entries.get(0);
    }

    /** The jar or classes directory of this module. */
    static Path thisModule() {
        try {
            return Path.of(
                    ChildClasspath.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the warehouse-testing classes", e);
        }
    }

    static String asClasspath(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private static List<Path> read(String property, String resource) {
        String file = System.getProperty(property);
        String content;
        try {
            if (file != null && !file.isBlank()) {
                content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } else {
                try (InputStream in =
                        ChildClasspath.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException(
                                resource
                                        + " is not on the classpath: build streaming-ingest-warehouse-testing"
                                        + " with Maven, or set -D"
                                        + property
                                        + "=<classpath file>.");
                    }
                    content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the classpath " + (file != null ? file : resource), e);
        }
        List<Path> entries = new ArrayList<>();
        for (String entry : content.trim().split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                throw new IllegalStateException(
                        "The child classpath names a missing file "
                                + path
                                + " (from "
                                + (file != null ? file : resource)
                                + "): rebuild streaming-ingest-warehouse-testing.");
            }
            entries.add(path);
        }
        return entries;
    }
}
