package org.streamingest.connector.kinesis.testutils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads committed serializer fixtures from {@code src/test/resources/serializer}. */
public final class GoldenFiles {

    private GoldenFiles() {}

    public static byte[] read(String name) {
        String resource = "/serializer/" + name;
        try (InputStream in = GoldenFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing test fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
