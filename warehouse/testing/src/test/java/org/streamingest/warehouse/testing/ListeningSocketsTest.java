package org.streamingest.warehouse.testing;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing of the kernel's hex socket addresses. */
class ListeningSocketsTest {

    @Test
    void parsesIpv4Addresses() {
        assertThat(ListeningSockets.parseAddress("0100007F:1F90"))
                .isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(ListeningSockets.parseAddress("00000000:0050"))
                .isEqualTo(new InetSocketAddress("0.0.0.0", 80));
    }

    @Test
    void parsesIpv6AndIpv4MappedAddresses() {
        assertThat(ListeningSockets.parseAddress("0000000000000000FFFF00000100007F:23D7"))
                .isEqualTo(new InetSocketAddress("127.0.0.1", 9175));
        assertThat(ListeningSockets.parseAddress("00000000000000000000000001000000:0016"))
                .isEqualTo(new InetSocketAddress("::1", 22));
        assertThat(ListeningSockets.parseAddress("00000000000000000000000000000000:0016"))
                .isEqualTo(new InetSocketAddress("::", 22));
    }
}
