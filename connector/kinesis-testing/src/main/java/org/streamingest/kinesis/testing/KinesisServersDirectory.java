package org.streamingest.kinesis.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code tools/kinesis-servers} directory: the npm install of both servers plus the {@code
 * loopback.js} preload that binds them to 127.0.0.1.
 *
 * <p>Resolved from the system property {@value #PROPERTY} (the root pom sets it for surefire and
 * failsafe), otherwise by searching upward from the working directory.
 */
public final class KinesisServersDirectory {

    /** System property naming the servers directory. */
    public static final String PROPERTY = "kinesis.servers.dir";

    static final Path RELATIVE = Path.of("tools", "kinesis-servers");
    static final String INSTALL_HINT =
            "Run `npm ci --prefix tools/kinesis-servers` in the repository root";

    private final Path root;

    private KinesisServersDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Resolves the directory from the system property or the working directory. */
    public static KinesisServersDirectory resolve() {
        return resolve(System.getProperty(PROPERTY), Path.of("").toAbsolutePath());
    }

    static KinesisServersDirectory resolve(String property, Path workingDirectory) {
        if (property != null && !property.isBlank()) {
            Path configured = Path.of(property.trim());
            if (!Files.isDirectory(configured)) {
                throw new IllegalStateException(
                        "System property "
                                + PROPERTY
                                + " points to "
                                + configured.toAbsolutePath()
                                + ", which is not a directory. Point it to the repository's"
                                + " tools/kinesis-servers directory.");
            }
            return new KinesisServersDirectory(configured);
        }
        for (Path dir = workingDirectory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(RELATIVE))) {
                return new KinesisServersDirectory(dir.resolve(RELATIVE));
            }
        }
        throw new IllegalStateException(
                "Cannot find "
                        + RELATIVE
                        + " in "
                        + workingDirectory.toAbsolutePath()
                        + " or any parent directory. Run from inside the repository or set -D"
                        + PROPERTY
                        + "=<repository>/tools/kinesis-servers.");
    }

    /** Checks that the files needed to start {@code kind} are installed. */
    public KinesisServersDirectory requireInstalled(KinesisServerKind kind) {
        requireFile(loopbackShim(), "the loopback preload");
        requireFile(entryPoint(kind), "the npm package of " + kind);
        return this;
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "Cannot start the Kinesis test server: "
                            + what
                            + " is missing ("
                            + file
                            + "). "
                            + INSTALL_HINT
                            + " (needs Node.js 18 or newer).");
        }
    }

    public Path root() {
        return root;
    }

    /** The preload that makes every server in the node process listen on 127.0.0.1. */
    public Path loopbackShim() {
        return root.resolve("loopback.js");
    }

    /** The script node runs for {@code kind}. */
    public Path entryPoint(KinesisServerKind kind) {
        return packageDirectory(kind)
                .resolve(kind == KinesisServerKind.KINESIS_MOCK ? "main.js" : "cli.js");
    }

    /** The installed npm package of {@code kind}. */
    public Path packageDirectory(KinesisServerKind kind) {
        String name = kind == KinesisServerKind.KINESIS_MOCK ? "kinesis-local" : "kinesalite";
        return root.resolve("node_modules").resolve(name);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
