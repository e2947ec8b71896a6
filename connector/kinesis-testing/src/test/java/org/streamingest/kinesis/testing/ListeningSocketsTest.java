package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListeningSocketsTest {

    private static final String TAIL = " 00000000:00000000 00:00000000 00000000  1000        0 ";

    private static final List<String> TABLE =
            List.of(
                    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                    "   0: 0100007F:3A98 00000000:0000 0A"
                            + TAIL
                            + "111 1 0000000000000000 100 0 0 10 0",
                    "   1: 00000000:3A99 00000000:0000 0A"
                            + TAIL
                            + "222 1 0000000000000000 100 0 0 10 0",
                    "   2: 0100007F:3A98 0100007F:C350 01"
                            + TAIL
                            + "333 1 0000000000000000 20 4 30 10 -1");

    @Test
    void keepsOnlyListeningSocketsOnThePort() {
        assertThat(ListeningSockets.parse(TABLE, 0x3A98))
                .containsExactly(new ListeningSockets.Listener("0100007F", "111"));
        assertThat(ListeningSockets.parse(TABLE, 0x3A99))
                .containsExactly(new ListeningSockets.Listener("00000000", "222"));
        assertThat(ListeningSockets.parse(TABLE, 0x3A9A)).isEmpty();
    }

    @Test
    void reportsIpv4MappedAddressesAsIpv4() {
        List<String> tcp6 =
                List.of(
                        "  sl  local_address                         remote_address                        st ...",
                        "   0: 0000000000000000FFFF00000100007F:3A98 00000000000000000000000000000000:0000 0A"
                                + TAIL
                                + "444 1 0000000000000000 100 0 0 10 0",
                        "   1: 00000000000000000000000001000000:3A98 00000000000000000000000000000000:0000 0A"
                                + TAIL
                                + "555 1 0000000000000000 100 0 0 10 0");

        assertThat(ListeningSockets.parse(tcp6, 0x3A98))
                .extracting(ListeningSockets.Listener::address)
                .containsExactly("0100007F", "00000000000000000000000001000000");
    }

    @Test
    void findsThisProcessAsOwnerOfARealLoopbackListener() throws Exception {
        long self = ProcessHandle.current().pid();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = socket.getLocalPort();

            assertThat(ListeningSockets.listeningAddresses(port))
                    .containsExactly(ListeningSockets.LOOPBACK_V4);
            assertThat(ListeningSockets.isListenedOnBy(self, port)).isTrue();
            assertThat(ListeningSockets.isListenedOnBy(self, FreePorts.pick(1)[0])).isFalse();
        }
    }
}
