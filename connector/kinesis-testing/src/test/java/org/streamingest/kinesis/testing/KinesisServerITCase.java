package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The process handle on its own: start, readiness, both ports loopback-only, stop, errors. */
@Timeout(120)
class KinesisServerITCase {

    @TempDir Path logs;

    @Test
    void startsKinesisMockOnTwoLoopbackPortsAndStopsIt() throws Exception {
        KinesisServer server =
                KinesisServer.start(
                        KinesisServerKind.KINESIS_MOCK, KinesisServersDirectory.resolve(), logs);
        try {
            assertThat(server.isAlive()).isTrue();
            assertThat(new ReadinessProbe().answersListStreams(server.endpoint())).isTrue();
            assertThat(server.logFile()).exists().hasParent(logs);
            long loopbackListeners =
                    ProcessHandle.of(server.pid()).isPresent()
                            ? ListeningSockets.listeningAddresses(server.port()).size()
                            : 0;
            assertThat(loopbackListeners).isOne();
        } finally {
            server.close();
        }

        assertThat(server.isAlive()).isFalse();
        assertThat(ListeningSockets.listeningAddresses(server.port())).isEmpty();
        server.close(); // idempotent
    }

    @Test
    void reportsAServerThatDiesDuringStartUp() throws Exception {
        // A servers directory whose kinesalite "CLI" exits at once with a message.
        Path dir = Files.createDirectories(logs.resolve("tools/kinesis-servers"));
        Files.copy(KinesisServersDirectory.resolve().loopbackShim(), dir.resolve("loopback.js"));
        Path cli = dir.resolve("node_modules/kinesalite/cli.js");
        Files.createDirectories(cli.getParent());
        Files.writeString(cli, "console.error('broken install'); process.exit(3);\n");

        assertThatThrownBy(
                        () ->
                                KinesisServer.start(
                                        KinesisServerKind.KINESALITE,
                                        KinesisServersDirectory.resolve(dir.toString(), logs),
                                        logs))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kinesalite exited during start-up")
                .hasMessageContaining("broken install");
    }
}
