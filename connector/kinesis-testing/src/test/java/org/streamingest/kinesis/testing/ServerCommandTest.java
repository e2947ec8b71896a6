package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerCommandTest {

    @TempDir Path root;

    @Test
    void startsKinesaliteThroughTheLoopbackShimWithInstantTransitions() throws Exception {
        KinesisServersDirectory dir = directory();

        ProcessBuilder builder =
                ServerCommand.create(KinesisServerKind.KINESALITE, dir, new int[] {4567});

        assertThat(builder.command())
                .containsExactly(
                        "node",
                        "-r",
                        dir.loopbackShim().toString(),
                        dir.entryPoint(KinesisServerKind.KINESALITE).toString(),
                        "--port",
                        "4567",
                        "--createStreamMs",
                        "0",
                        "--deleteStreamMs",
                        "0",
                        "--updateStreamMs",
                        "0",
                        "--shardLimit",
                        "1000");
        assertThat(ServerCommand.portCount(KinesisServerKind.KINESALITE)).isOne();
    }

    @Test
    void configuresKinesisMockThroughItsEnvironment() throws Exception {
        KinesisServersDirectory dir = directory();

        ProcessBuilder builder =
                ServerCommand.create(KinesisServerKind.KINESIS_MOCK, dir, new int[] {4568, 4569});

        assertThat(builder.command())
                .containsExactly(
                        "node",
                        "-r",
                        dir.loopbackShim().toString(),
                        dir.entryPoint(KinesisServerKind.KINESIS_MOCK).toString());
        assertThat(builder.directory().toPath())
                .isEqualTo(dir.packageDirectory(KinesisServerKind.KINESIS_MOCK));
        assertThat(builder.environment())
                .containsEntry("KINESIS_MOCK_PLAIN_PORT", "4568")
                .containsEntry("KINESIS_MOCK_TLS_PORT", "4569")
                .containsEntry("CREATE_STREAM_DURATION", "0ms")
                .containsEntry("REGISTER_STREAM_CONSUMER_DURATION", "100ms")
                .containsEntry("SHARD_LIMIT", "2000")
                .containsEntry("LOG_LEVEL", "WARN")
                .doesNotContainKeys("INITIALIZE_STREAMS", "SHOULD_PERSIST_DATA");
        assertThat(ServerCommand.portCount(KinesisServerKind.KINESIS_MOCK)).isEqualTo(2);
    }

    @Test
    void parsesServerNames() {
        assertThat(KinesisServerKind.fromName("kinesis-mock"))
                .isEqualTo(KinesisServerKind.KINESIS_MOCK);
        assertThat(KinesisServerKind.fromName("KINESALITE"))
                .isEqualTo(KinesisServerKind.KINESALITE);
        assertThatThrownBy(() -> KinesisServerKind.fromName("localstack"))
                .hasMessage("Unknown Kinesis server 'localstack': use kinesis-mock or kinesalite.");
    }

    private KinesisServersDirectory directory() throws Exception {
        Path servers = Files.createDirectories(root.resolve("tools/kinesis-servers"));
        return KinesisServersDirectory.resolve(servers.toString(), root);
    }
}
