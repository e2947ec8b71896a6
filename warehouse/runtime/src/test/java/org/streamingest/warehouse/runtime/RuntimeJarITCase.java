package org.streamingest.warehouse.runtime;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the packaged runtime jar (failsafe runs after {@code package}): a view's jobs find on a
 * session cluster everything they need beyond a Flink distribution's {@code lib/}, and the jar
 * holds nothing the distribution already has (child-first loading would otherwise give each job a
 * second copy of Flink's classes), no logging backend and no test code.
 */
class RuntimeJarITCase {
    private static final String FACTORY_SERVICE =
            "META-INF/services/org.apache.flink.table.factories.Factory";

    /** Where the jar may share classes with the distribution: a newer version on purpose. */
    private static final List<String> NEWER_THAN_THE_DISTRIBUTION =
            List.of("org/apache/commons/lang3/");

    /** Iceberg's own class in Flink's package (Flink 2 no longer has it; nor has its lib/). */
    private static final String ICEBERG_STAND_IN =
            "org/apache/flink/table/api/runtime/types/FlinkScalaKryoInstantiator.class";

    private static JarFile jar;
    private static List<String> names;

    @BeforeAll
    static void openJar() throws IOException {
        Path path = Path.of("target", "streaming-ingest-runtime.jar");
        assertThat(path).as("run `mvn package` first").isRegularFile();
        jar = new JarFile(path.toFile());
        names = jar.stream().map(JarEntry::getName).collect(Collectors.toList());
    }

    @Test
    void holdsTheWarehouseConnectorFunctionsIcebergHadoopAndTheAwsSdk() {
        assertThat(names)
                .contains(
                        "org/streamingest/warehouse/Warehouse.class",
                        "org/streamingest/connector/kinesis/source/KinesisSource.class",
                        "org/streamingest/functions/RedshiftModuleFactory.class",
                        "org/apache/iceberg/flink/FlinkCatalogFactory.class",
                        "org/apache/iceberg/flink/sink/dynamic/DynamicIcebergSink.class",
                        "org/apache/hadoop/conf/Configuration.class",
                        "software/amazon/awssdk/services/kinesis/KinesisClient.class",
                        "software/amazon/awssdk/services/sts/StsClient.class",
                        "org/apache/commons/lang3/StringUtils.class");
    }

    @Test
    void commonsLang3IsTheVersionIcebergNeeds() throws IOException {
        Path lang3 = Path.of(System.getProperty("commons-lang3.jar", "(not set: run by failsafe)"));
        assertThat(lang3.getFileName().toString()).isEqualTo("commons-lang3-3.18.0.jar");
        String entry = "org/apache/commons/lang3/StringUtils.class";
        try (JarFile original = new JarFile(lang3.toFile());
                InputStream expected = original.getInputStream(original.getEntry(entry));
                InputStream shaded = jar.getInputStream(jar.getEntry(entry))) {
            assertThat(shaded.readAllBytes()).isEqualTo(expected.readAllBytes());
        }
    }

    @Test
    void registersEveryFactoryAndServiceItsJobsLookUp() throws IOException {
        List<String> factories = lines(FACTORY_SERVICE);
        assertThat(factories)
                .contains(
                        "org.streamingest.connector.kinesis.catalog.KinesisCatalogFactory",
                        "org.streamingest.connector.kinesis.table.KinesisDynamicTableFactory",
                        "org.streamingest.functions.RedshiftModuleFactory",
                        "org.apache.iceberg.flink.FlinkCatalogFactory",
                        "org.apache.iceberg.flink.FlinkDynamicTableFactory");
        for (String factory : factories) {
            assertThat(names).as("class of factory %s", factory).contains(classFile(factory));
        }
        assertThat(lines("META-INF/services/software.amazon.awssdk.http.SdkHttpService"))
                .as("the SDK finds its sync HTTP client through this service file")
                .isNotEmpty();
        assertThat(lines("META-INF/services/org.apache.hadoop.fs.FileSystem"))
                .as("Hadoop finds the local file system through this service file")
                .contains("org.apache.hadoop.fs.LocalFileSystem");
    }

    @Test
    void holdsNothingOfFlinkNoLoggingBackendAndNoTestCode() {
        assertThat(names)
                .filteredOn(n -> n.startsWith("org/apache/flink/") && !n.endsWith("/"))
                .as("Flink classes; Iceberg's runtime brings a stand-in for one Flink 2 dropped")
                .containsExactly(ICEBERG_STAND_IN);
        assertThat(names)
                .noneMatch(n -> n.startsWith("org/slf4j/"))
                .noneMatch(n -> n.startsWith("org/apache/logging/log4j/"))
                .noneMatch(n -> n.startsWith("org/junit/"))
                .noneMatch(n -> n.startsWith("org/opentest4j/"))
                .noneMatch(n -> n.startsWith("org/streamingest/kinesis/testing/"))
                .noneMatch(n -> n.startsWith("org/streamingest/job/"))
                .noneMatch(n -> n.startsWith("org/streamingest/demo/"));
    }

    @Test
    void sharesNoClassWithTheFlinkDistributionButANewerCommonsLang3() throws IOException {
        Set<String> classes =
                names.stream().filter(n -> n.endsWith(".class")).collect(Collectors.toSet());
        List<String> shared = new ArrayList<>();
        for (Path distributionJar : distributionJars()) {
            try (JarFile other = new JarFile(distributionJar.toFile())) {
                other.stream()
                        .map(JarEntry::getName)
                        .filter(classes::contains)
                        .filter(n -> NEWER_THAN_THE_DISTRIBUTION.stream().noneMatch(n::startsWith))
                        .limit(5)
                        .forEach(n -> shared.add(n + " (also in " + distributionJar + ")"));
            }
        }
        assertThat(shared).isEmpty();
    }

    /** The jars of a Flink distribution's lib/, as the flink-distribution module lists them. */
    private static List<Path> distributionJars() throws IOException {
        String file = System.getProperty("flink.distribution.classpath");
        assertThat(file).as("system property flink.distribution.classpath (failsafe)").isNotNull();
        List<Path> jars = new ArrayList<>();
        for (String entry : Files.readString(Path.of(file)).trim().split(File.pathSeparator)) {
            jars.add(Path.of(entry));
        }
        assertThat(jars).hasSizeGreaterThan(40).allMatch(Files::isRegularFile);
        return jars;
    }

    private static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }

    private static List<String> lines(String entry) throws IOException {
        JarEntry e = jar.getJarEntry(entry);
        assertThat(e).as(entry).isNotNull();
        try (InputStream in = jar.getInputStream(e)) {
            Set<String> seen = new HashSet<>();
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .filter(seen::add)
                    .collect(Collectors.toList());
        }
    }
}
