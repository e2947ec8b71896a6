package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisServersDirectoryTest {

    @TempDir Path repo;

    @Test
    void systemPropertyWins() throws Exception {
        Path configured = Files.createDirectories(repo.resolve("elsewhere"));
        Files.createDirectories(repo.resolve("tools/kinesis-servers"));

        KinesisServersDirectory dir = KinesisServersDirectory.resolve(configured.toString(), repo);

        assertThat(dir.root()).isEqualTo(configured);
    }

    @Test
    void searchesUpwardFromTheWorkingDirectory() throws Exception {
        Path servers = Files.createDirectories(repo.resolve("tools/kinesis-servers"));
        Path module = Files.createDirectories(repo.resolve("connector/kinesis/target"));

        KinesisServersDirectory dir = KinesisServersDirectory.resolve(" ", module);

        assertThat(dir.root()).isEqualTo(servers);
        assertThat(dir.loopbackShim()).isEqualTo(servers.resolve("loopback.js"));
        assertThat(dir.entryPoint(KinesisServerKind.KINESIS_MOCK))
                .isEqualTo(servers.resolve("node_modules/kinesis-local/main.js"));
        assertThat(dir.entryPoint(KinesisServerKind.KINESALITE))
                .isEqualTo(servers.resolve("node_modules/kinesalite/cli.js"));
    }

    @Test
    void explainsAMissingDirectory() {
        assertThatThrownBy(() -> KinesisServersDirectory.resolve(null, repo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot find tools/kinesis-servers in " + repo)
                .hasMessageContaining("-Dkinesis.servers.dir=");
        assertThatThrownBy(
                        () ->
                                KinesisServersDirectory.resolve(
                                        repo.resolve("nope").toString(), repo))
                .hasMessageContaining("not a directory");
    }

    @Test
    void explainsMissingNodeModules() throws Exception {
        Path servers = Files.createDirectories(repo.resolve("tools/kinesis-servers"));
        Files.writeString(servers.resolve("loopback.js"), "// shim");
        KinesisServersDirectory dir = KinesisServersDirectory.resolve(null, repo);

        assertThatThrownBy(() -> dir.requireInstalled(KinesisServerKind.KINESALITE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kinesalite")
                .hasMessageContaining("npm ci --prefix tools/kinesis-servers");
    }

    @Test
    void acceptsACompleteInstall() throws Exception {
        Path servers = Files.createDirectories(repo.resolve("tools/kinesis-servers"));
        Files.writeString(servers.resolve("loopback.js"), "// shim");
        Path cli = servers.resolve("node_modules/kinesalite/cli.js");
        Files.createDirectories(cli.getParent());
        Files.writeString(cli, "// cli");

        KinesisServersDirectory dir = KinesisServersDirectory.resolve(null, repo);

        assertThat(dir.requireInstalled(KinesisServerKind.KINESALITE)).isSameAs(dir);
        assertThatThrownBy(() -> dir.requireInstalled(KinesisServerKind.KINESIS_MOCK))
                .hasMessageContaining("kinesis-local");
    }
}
