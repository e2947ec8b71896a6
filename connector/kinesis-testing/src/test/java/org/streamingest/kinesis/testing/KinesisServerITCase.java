package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

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
            assertThat(server.ports()).hasSize(2).startsWith(server.port());
            for (int port : server.ports()) {
                assertThat(ListeningSockets.isListenedOnBy(server.pid(), port)).isTrue();
                assertThat(ListeningSockets.listeningAddresses(port))
                        .containsExactly(ListeningSockets.LOOPBACK_V4);
            }
        } finally {
            server.close();
        }

        assertThat(server.isAlive()).isFalse();
        for (int port : server.ports()) {
            assertThat(ListeningSockets.listeningAddresses(port)).isEmpty();
        }
        server.close(); // idempotent
    }

    @Test
    void retriesOnOtherPortsWhenItsPortWasTaken() throws Exception {
        // Given the first port offered is already taken by someone else
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Deque<int[]> offers = new ArrayDeque<>();
            offers.add(new int[] {taken.getLocalPort()});
            offers.add(FreePorts.pick(1));
            int[] second = offers.getLast();

            // When kinesalite starts
            try (KinesisServer server =
                    KinesisServer.start(
                            KinesisServerKind.KINESALITE,
                            KinesisServersDirectory.resolve(),
                            logs,
                            count -> offers.removeFirst())) {
                // Then it lost the first port, retried, and serves on the second
                assertThat(server.port()).isEqualTo(second[0]);
                assertThat(ListeningSockets.isListenedOnBy(server.pid(), server.port())).isTrue();
                assertThat(logs.resolve("kinesalite-" + taken.getLocalPort() + ".log"))
                        .content()
                        .contains("EADDRINUSE");
            }
        }
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
