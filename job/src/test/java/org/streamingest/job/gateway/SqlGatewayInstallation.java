package org.streamingest.job.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the README's "Flink SQL client and SQL gateway" section has an operator do to a stock Flink
 * 2.1 distribution, done in {@code target/sql-gateway-installation/<test>/}: the runtime jar copied
 * into {@code lib/} (a copy, as a rebuild must not change it under running JVMs), and the files of
 * {@code sql-gateway-config/} filled in. The placeholder {@value #ROOT} becomes {@link #root()},
 * the ports those of the test's cluster and gateway, and init.sql's region and its commented-out
 * local Kinesis endpoint those of the test's server. Nothing else is added, so the test runs what
 * users copy.
 */
public final class SqlGatewayInstallation {

    /** The placeholder, in config.yaml and init.sql, for the directory of the product's data. */
    static final String ROOT = "/path/to/streaming-ingest";

    static final String RUNTIME_JAR = "streaming-ingest-runtime.jar";

    private final Path repository;
    private final Path dir;

    private SqlGatewayInstallation(Path repository, Path dir) {
        this.repository = repository;
        this.dir = dir;
    }

    /**
     * A fresh installation for {@code test}: this repository's runtime jar (built by {@code
     * warehouse/runtime}) copied into its {@code lib/}.
     */
    public static SqlGatewayInstallation prepare(String test) {
        // the launcher is bin/streaming-ingest of this repository (set by failsafe)
        Path launcher =
                Path.of(System.getProperty("streaming-ingest.launcher", "../bin/streaming-ingest"));
        Path repository = launcher.toAbsolutePath().normalize().getParent().getParent();
        Path dir = Path.of("target", "sql-gateway-installation", test).toAbsolutePath();
        Path built = repository.resolve("warehouse/runtime/target/" + RUNTIME_JAR);
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir.resolve("lib"));
            Files.createDirectories(dir.resolve("streaming-ingest"));
            if (!Files.isRegularFile(built)) {
                throw new IllegalStateException(
                        built + " is missing: run the test through ./mvnw verify -pl job -am.");
            }
            Files.copy(built, dir.resolve("lib").resolve(RUNTIME_JAR));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + dir, e);
        }
        return new SqlGatewayInstallation(repository, dir);
    }

    /** This repository, whose sql-gateway-config/ and README.md the installation follows. */
    public Path repository() {
        return repository;
    }

    /** The jars the operator added to {@code lib/}: the runtime jar. */
    public List<Path> libJars() {
        return List.of(dir.resolve("lib").resolve(RUNTIME_JAR));
    }

    /**
     * Copies {@code jar} into the installation's {@code lib/}, as an operator adds a jar for one
     * process (the SQL gateway's endpoint), and returns the copy; {@link #libJars()} stays the jars
     * of every process.
     */
    public Path addToLib(Path jar) {
        Path copy = dir.resolve("lib").resolve(jar.getFileName());
        try {
            Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + jar + " into " + copy, e);
        }
        return copy;
    }

    /** The directory that replaces {@value #ROOT}: warehouse, savepoints, catalog store. */
    public Path root() {
        return dir.resolve("streaming-ingest");
    }

    /** The warehouse directory that init.sql names, for the CLI's {@code --warehouse}. */
    public Path warehouse() {
        return root().resolve("warehouse");
    }

    /** config.yaml for a session cluster at 127.0.0.1:{@code clusterRestPort}. */
    public String configYaml(int clusterRestPort, int gatewayPort) {
        String yaml = read("config.yaml").replace(ROOT, root().toString());
        yaml = setValue(yaml, "rest.port", Integer.toString(clusterRestPort));
        return setValue(yaml, "sql-gateway.endpoint.rest.port", Integer.toString(gatewayPort));
    }

    /**
     * Writes init.sql for streams of {@code region} on the Kinesis-API server at {@code endpoint}
     * and returns its path.
     */
    public Path initSql(String region, URI endpoint) {
        String sql = read("init.sql").replace(ROOT, root().toString());
        sql = replaceOnce(sql, "-- ('aws.endpoint' = )'[^']*',", "$1'" + endpoint + "',");
        sql = replaceOnce(sql, "('aws.region' = )'[^']*'", "$1'" + region + "'");
        try {
            return Files.writeString(dir.resolve("init.sql"), sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalog store's file for catalog {@code name} (config.yaml's file catalog store). */
    public Path storedCatalog(String name) {
        return root().resolve("catalogs").resolve(name + ".yaml");
    }

    private static String setValue(String yaml, String key, String value) {
        return replaceOnce(yaml, "(?m)^(" + Pattern.quote(key) + ": ).*$", "$1" + value);
    }

    private static String replaceOnce(String text, String regex, String replacement) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        if (count != 1) {
            throw new IllegalStateException(
                    "sql-gateway-config/ should match /" + regex + "/ once, matched " + count);
        }
        return matcher.replaceFirst(replacement);
    }

    private String read(String file) {
        Path path = repository.resolve("sql-gateway-config").resolve(file);
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
