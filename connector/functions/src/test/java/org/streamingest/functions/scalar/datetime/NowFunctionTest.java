package org.streamingest.functions.scalar.datetime;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** GETDATE and SYSDATE read the UTC clock at the precision Redshift prints. */
class NowFunctionTest {

    @Test
    void getdateIsTheCurrentUtcSecond() {
        LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime value = NowFunction.getdate().eval();
        LocalDateTime after = LocalDateTime.now(ZoneOffset.UTC);

        assertThat(value).isBetween(before, after);
        assertThat(value.getNano()).isZero();
    }

    @Test
    void sysdateIsTheCurrentUtcMicrosecond() {
        LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        LocalDateTime value = NowFunction.sysdate().eval();
        LocalDateTime after = LocalDateTime.now(ZoneOffset.UTC);

        assertThat(value).isBetween(before, after);
        assertThat(value.getNano() % 1_000).isZero();
        assertThat(NowFunction.sysdate().isDeterministic()).isFalse();
    }
}
