package org.streamingest.warehouse.pipeline;

import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The jar every job submitted to a remote session cluster carries ({@code pipeline.jars}, uploaded
 * through the cluster's blob server): the runtime jar, {@value #FILE_NAME}, built by the {@code
 * streaming-ingest-runtime} module (warehouse/runtime). It holds what a view's jobs need beyond a
 * Flink distribution's {@code lib/}: the warehouse, the Kinesis connector, the Redshift functions,
 * Iceberg, the Hadoop client, the AWS SDK and commons-lang3 3.18 (user code loads child-first, so a
 * job sees that version rather than Flink's 3.12), and nothing of Flink.
 *
 * <p>The launcher names the jar in the system property {@value #PROPERTY}. A cluster whose
 * JobManager already has it on its classpath (its {@code lib/}) is sent none.
 */
final class JobJars {

    static final String PROPERTY = "streaming-ingest.runtime-jar";
    static final String FILE_NAME = "streaming-ingest-runtime.jar";

    private JobJars() {}

    /**
     * The jars to ship from this JVM to a cluster whose JobManager already has {@code clusterJars}
     * (file names).
     */
    static List<Path> ofThisJvm(Set<String> clusterJars) {
        return select(System.getProperty(PROPERTY), clusterJars);
    }

    /**
     * The runtime jar at {@code configured} (a path, or null when not set), or none if {@code
     * clusterJars} holds it; fails with what to do when it is not set or missing.
     */
    static List<Path> select(String configured, Set<String> clusterJars) {
        if (clusterJars.contains(FILE_NAME)) {
            return List.of();
        }
        String build =
                " Build it with ./mvnw package -pl warehouse/runtime -am (bin/streaming-ingest"
                        + " builds it on first use; STREAMING_INGEST_REBUILD=1 rebuilds), or put it"
                        + " into the cluster's lib/.";
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException(
                    "Jobs on a Flink session cluster carry the runtime jar ("
                            + FILE_NAME
                            + "), but the system property "
                            + PROPERTY
                            + " does not name it (bin/streaming-ingest sets it to"
                            + " warehouse/runtime/target/"
                            + FILE_NAME
                            + ")."
                            + build);
        }
        Path jar = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "Jobs on a Flink session cluster carry the runtime jar, but "
                            + jar
                            + " ("
                            + PROPERTY
                            + ") does not exist."
                            + build);
        }
        return List.of(jar);
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
}
