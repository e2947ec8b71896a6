package org.streamingest.warehouse.pipeline;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jars every job submitted to a remote session cluster carries ({@code pipeline.jars}, uploaded
 * through the cluster's blob server): every entry of the client's classpath that a Flink
 * distribution's {@code lib/} does not hold. That is this project's code (job, Kinesis connector,
 * Redshift functions), Iceberg, the Hadoop client, the AWS SDK and their libraries, and any jar in
 * a version the distribution does not have (e.g. commons-lang3 3.18 where Flink has 3.12: user code
 * loads child-first, so the job sees its own version).
 *
 * <p>The distribution's jars are listed in {@value #DISTRIBUTION_LIST}, which the {@code
 * streaming-ingest-flink-distribution} module builds from the Flink artifacts that make up a
 * distribution; a jar is left out when its file name (artifact and version) is on that list. A
 * classpath directory (an IDE's build output) is packed into a temporary jar, as only jars can be
 * shipped.
 */
final class JobJars {

    static final String DISTRIBUTION_LIST = "META-INF/streaming-ingest/flink-distribution.txt";

    private JobJars() {}

    /**
     * The jars to ship from this JVM's classpath to a cluster whose JobManager already has {@code
     * clusterJars} (file names; an administrator may have put Iceberg and Hadoop into its {@code
     * lib/}).
     */
    static List<Path> ofThisJvm(Set<String> clusterJars) {
        Set<String> provided = new HashSet<>(distributionJars());
        provided.addAll(clusterJars);
        return select(classpath(System.getProperty("java.class.path", "")), provided, null);
    }

    /**
     * The entries of {@code classpath} that are not among {@code distribution} (file names);
     * directories are packed into jars under {@code packInto} (a new temporary directory if null).
     */
    static List<Path> select(List<Path> classpath, Set<String> distribution, Path packInto) {
        List<Path> jars = new ArrayList<>();
        for (Path entry : classpath) {
            if (Files.isDirectory(entry)) {
                if (packInto == null) {
                    packInto = temporaryDirectory();
                }
                jars.add(pack(entry, packInto.resolve("classpath-" + jars.size() + ".jar")));
            } else if (Files.isRegularFile(entry)
                    && !distribution.contains(entry.getFileName().toString())) {
                jars.add(entry);
            }
        }
        return jars;
    }

    /** The file names of the distribution's jars, from {@value #DISTRIBUTION_LIST}. */
    static Set<String> distributionJars() {
        try (InputStream in =
                JobJars.class.getClassLoader().getResourceAsStream(DISTRIBUTION_LIST)) {
            if (in == null) {
                throw new IllegalStateException(
                        "The list of a Flink distribution's jars ("
                                + DISTRIBUTION_LIST
                                + ") is not on the classpath, so the jars a job needs on a remote"
                                + " cluster cannot be chosen. Rebuild the job (./mvnw package -pl"
                                + " job -am, or STREAMING_INGEST_REBUILD=1 bin/streaming-ingest).");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DISTRIBUTION_LIST, e);
        }
    }

    /** Parses {@code lib/a.jar:lib/b.jar} into file names. */
    static Set<String> parse(String list) {
        Set<String> names = new HashSet<>();
        for (String entry : list.trim().split("[:\\s]+")) {
            if (!entry.isEmpty()) {
                names.add(entry.substring(entry.lastIndexOf('/') + 1));
            }
        }
        return names;
    }

    /** {@code pipeline.jars} values: file URLs. */
    static List<String> urls(List<Path> jars) {
        List<String> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toAbsolutePath().toUri().toURL().toString());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("Not a file path: " + jar, e);
            }
        }
        return urls;
    }

    private static List<Path> classpath(String value) {
        List<Path> entries = new ArrayList<>();
        for (String entry : value.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return entries;
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("streaming-ingest-job-jars");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the job's jars", e);
        }
    }

    /** Writes the files under {@code dir} into the jar {@code target}. */
    static Path pack(Path dir, Path target) {
        try (OutputStream file = Files.newOutputStream(target);
                JarOutputStream jar = new JarOutputStream(file);
                Stream<Path> files = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                jar.putNextEntry(new JarEntry(dir.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, jar);
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot pack " + dir + " into " + target, e);
        }
        target.toFile().deleteOnExit();
        return target;
    }
}
