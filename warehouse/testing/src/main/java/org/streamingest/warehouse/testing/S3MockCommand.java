package org.streamingest.warehouse.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * Launches s3mock's exec jar through Spring Boot's {@code PropertiesLauncher}, which adds this
 * module ({@code loader.path}) so that {@code s3mock.LoopbackConnectors} can bind s3mock's
 * plain-HTTP connector to 127.0.0.1; {@code server.address} binds the HTTPS one.
 */
final class S3MockCommand {

    /** By name: the class needs Spring, which only the child JVM has. */
    private static final String LOOPBACK_CONNECTORS =
            "org.streamingest.warehouse.testing.s3mock.LoopbackConnectors";

    private S3MockCommand() {}

    /**
     * Starts s3mock with HTTP on {@code ports[0]}, HTTPS on {@code ports[1]}, logging to workDir.
     */
    static ChildJvm launch(int[] ports, List<String> buckets, Path root, Path workDir) {
        List<String> args =
                List.of(
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Dloader.path=" + ChildClasspath.thisModule(),
                        "-cp",
                        ChildClasspath.s3mockJar().toString(),
                        "org.springframework.boot.loader.launch.PropertiesLauncher",
                        "--spring.main.sources=" + LOOPBACK_CONNECTORS,
                        "--server.address=127.0.0.1",
                        "--server.port=" + ports[1],
                        "--com.adobe.testing.s3mock.http-port=" + ports[0],
                        "--com.adobe.testing.s3mock.store.initial-buckets="
                                + String.join(",", buckets),
                        "--com.adobe.testing.s3mock.store.root=" + root,
                        "--com.adobe.testing.s3mock.store.retain-files-on-exit=true",
                        "--spring.jmx.enabled=false");
        return ChildJvm.launch("s3mock", args, workDir.resolve("s3mock.log"));
    }
}
