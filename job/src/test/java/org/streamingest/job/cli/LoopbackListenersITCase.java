package org.streamingest.job.cli;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.warehouse.testing.ListeningSockets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything {@code bin/streaming-ingest} opens listens on 127.0.0.1 only: every LISTEN socket of
 * its process, per the kernel, while {@code serve} runs a view's pipeline on the embedded cluster
 * (Flink's REST endpoint and BlobServer, whose defaults are every interface).
 */
class LoopbackListenersITCase {

    @RegisterExtension static final KinesisMockExtension KINESIS = new KinesisMockExtension();

    @TempDir Path dir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theEmbeddedClusterListensOnLoopbackOnly() throws Exception {
        assertThat(ListeningSockets.available()).as("/proc/net/tcp is readable").isTrue();
        KINESIS.streams().createNamed("loopback", 1).putStrings("{\"order_id\":1}");
        String script =
                SeedRows.SEED_AUTO
                        .replace("kds.my_stream_name", "kds.loopback")
                        .replace("REFRESH MATERIALIZED VIEW my_view;\n", "")
                        .replace("SELECT * FROM my_view;\n", "");

        try (CliProcess serve =
                CliProcess.start(
                        dir,
                        "serve",
                        "serve.sql",
                        script,
                        List.of(
                                "--warehouse",
                                dir.resolve("wh").toString(),
                                "--kinesis-endpoint",
                                KINESIS.endpoint().toString(),
                                "--region",
                                KINESIS.region().id()),
                        CliProcess.LOCAL_AWS)) {
            serve.awaitStderr("1 pipelines running [public.my_view]", Duration.ofMinutes(10));

            List<InetSocketAddress> listening = ListeningSockets.of(serve.pid());

            // at least the REST endpoint and the BlobServer
            assertThat(listening).hasSizeGreaterThanOrEqualTo(2);
            assertThat(listening)
                    .allSatisfy(
                            a ->
                                    assertThat(a.getAddress().getHostAddress())
                                            .as("%s", listening)
                                            .isEqualTo("127.0.0.1"));
        }
    }
}
