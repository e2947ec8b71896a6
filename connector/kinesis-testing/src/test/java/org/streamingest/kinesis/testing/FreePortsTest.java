package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void picksDistinctPortsThatCanBeBoundOnLoopback() throws Exception {
        int[] ports = FreePorts.pick(3);

        assertThat(ports).hasSize(3).doesNotHaveDuplicates();
        for (int port : ports) {
            try (ServerSocket socket =
                    new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port).isBetween(1, 65535);
            }
        }
    }
}
