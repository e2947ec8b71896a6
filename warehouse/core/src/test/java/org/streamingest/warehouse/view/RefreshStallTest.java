package org.streamingest.warehouse.view;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshStallTest {

    private final AtomicLong now = new AtomicLong();
    private final RefreshStall stall = new RefreshStall(Duration.ofSeconds(10), now::get);

    @Test
    void stallsOnlyAfterTheTimeoutWithoutAnyChange() {
        Map<String, String> seen = Map.of("state", "RUNNING", "0.refreshCaughtUp", "0");
        assertThat(stall.stalled(seen)).isFalse();

        advance(9);
        assertThat(stall.stalled(seen)).isFalse();
        advance(1);
        assertThat(stall.stalled(Map.copyOf(seen))).isTrue();
    }

    @Test
    void everyChangeStartsTheWaitAgain() {
        assertThat(stall.stalled(Map.of("0.refreshRecords", "10"))).isFalse();
        advance(9);
        assertThat(stall.stalled(Map.of("0.refreshRecords", "11"))).isFalse();
        advance(9);
        assertThat(stall.stalled(Map.of("0.refreshRecords", "11"))).isFalse();
        advance(1);
        assertThat(stall.stalled(Map.of("0.refreshRecords", "11"))).isTrue();
    }

    private void advance(int seconds) {
        now.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }
}
