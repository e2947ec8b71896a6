package org.streamingest.job.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The classpath of the test's Flink session cluster: what a Flink distribution's {@code lib/}
 * holds, resolved by the {@code streaming-ingest-flink-distribution} module into the file named by
 * the system property {@value #PROPERTY} (failsafe sets it). Loading it proves that it holds none
 * of the classes a job has to bring along, so a passing remote test cannot owe its success to them.
 * The jars of the distribution's {@code opt/} that the SQL gateway and client scripts add are in
 * the file named by {@value #OPT_PROPERTY}.
 */
final class DistributionClasspath {

    static final String PROPERTY = "flink.distribution.classpath";

    /** The file listing the distribution's {@code opt/} jars of the SQL gateway and client. */
    static final String OPT_PROPERTY = "flink.distribution.opt-classpath";

    /** Packages the cluster must lack: they reach it only as the job's jars. */
    static final List<String> SHIPPED_BY_JOBS =
            List.of(
                    "org/streamingest/",
                    "org/apache/iceberg/",
                    "org/apache/hadoop/",
                    "software/amazon/awssdk/");

    private DistributionClasspath() {}

    /** The jars, checked to exist and to hold nothing of {@link #SHIPPED_BY_JOBS}. */
    static List<Path> load() {
        return load(PROPERTY, "flink-lib.classpath");
    }

    /**
     * The {@code opt/} jar whose file name starts with {@code prefix} ({@code flink-sql-gateway},
     * {@code flink-sql-client}), as {@code bin/sql-gateway.sh} and {@code bin/sql-client.sh} find
     * theirs.
     */
    static Path opt(String prefix) {
        return load(OPT_PROPERTY, "flink-opt.classpath").stream()
                .filter(jar -> jar.getFileName().toString().startsWith(prefix + "-"))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "No "
                                                + prefix
                                                + " jar in "
                                                + System.getProperty(OPT_PROPERTY)));
    }

    private static List<Path> load(String property, String fileName) {
        String file = System.getProperty(property);
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException(
                    "System property "
                            + property
                            + " must name the Flink distribution classpath file (got "
                            + file
                            + "): run the test through Maven (./mvnw verify -pl job -am), which"
                            + " builds it in flink-distribution/target/"
                            + fileName
                            + ".");
        }
        List<Path> jars = new ArrayList<>();
        try {
            for (String entry : Files.readString(Path.of(file)).trim().split(File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(file + " names a missing jar: " + jar);
                }
                requireNoShippedClasses(jar);
                jars.add(jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return jars;
    }

    private static void requireNoShippedClasses(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                for (String prefix : SHIPPED_BY_JOBS) {
                    if (name.startsWith(prefix)) {
                        throw new IllegalStateException(
                                "The Flink distribution classpath holds "
                                        + name
                                        + " ("
                                        + jar
                                        + "): the test cluster must have only Flink's own jars.");
                    }
                }
            }
        }
    }

    /** The jars as a {@code java -cp} value. */
    static String asClasspath(List<Path> jars) {
        return String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
    }
}
