package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListeningSocketsTest {

    private static final List<String> TABLE =
            List.of(
                    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid",
                    "   0: 0100007F:3A98 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000",
                    "   1: 00000000:3A99 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000",
                    "   2: 0100007F:3A98 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000");

    @Test
    void keepsOnlyListeningSocketsOnThePort() {
        assertThat(ListeningSockets.parse(TABLE, 0x3A98)).containsExactly("0100007F");
        assertThat(ListeningSockets.parse(TABLE, 0x3A99)).containsExactly("00000000");
        assertThat(ListeningSockets.parse(TABLE, 0x3A9A)).isEmpty();
    }

    @Test
    void reportsIpv4MappedAddressesAsIpv4() {
        List<String> tcp6 =
                List.of(
                        "  sl  local_address                         remote_address                        st",
                        "   0: 0000000000000000FFFF00000100007F:3A98 00000000000000000000000000000000:0000 0A",
                        "   1: 00000000000000000000000001000000:3A98 00000000000000000000000000000000:0000 0A");

        assertThat(ListeningSockets.parse(tcp6, 0x3A98))
                .containsExactly("0100007F", "00000000000000000000000001000000");
    }

    @Test
    void seesARealLoopbackListener() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(ListeningSockets.listeningAddresses(socket.getLocalPort()))
                    .containsExactly(ListeningSockets.LOOPBACK_V4);
        }
    }
}
