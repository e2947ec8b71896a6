package org.streamingest.warehouse.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both servers listen on 127.0.0.1 only: every LISTEN socket of their processes, per the kernel.
 */
class LoopbackOnlyITCase {

    @RegisterExtension
    static final IcebergRestCatalogExtension CATALOG = IcebergRestCatalogExtension.onS3();

    @Test
    void restCatalogListensOnItsPortOnLoopbackOnly() {
        assertThat(ListeningSockets.available()).as("/proc/net/tcp is readable").isTrue();

        List<InetSocketAddress> listening = ListeningSockets.of(CATALOG.server().pid());

        assertThat(listening)
                .containsExactly(new InetSocketAddress("127.0.0.1", CATALOG.uri().getPort()));
    }

    @Test
    void s3ServerListensOnItsHttpAndHttpsPortsOnLoopbackOnly() {
        assertThat(ListeningSockets.available()).as("/proc/net/tcp is readable").isTrue();

        List<InetSocketAddress> listening = ListeningSockets.of(CATALOG.s3().pid());

        assertThat(listening).hasSize(2);
        assertThat(listening)
                .allSatisfy(
                        a -> assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.1"));
        assertThat(listening)
                .extracting(InetSocketAddress::getPort)
                .contains(CATALOG.s3().endpoint().getPort());
    }
}
