package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordPutterTest {

    @Test
    void batchesAtMost500Records() {
        List<RecordEntry> entries = Collections.nCopies(1201, RecordEntry.utf8("k", "v"));

        assertThat(RecordPutter.batchEnd(entries, 0)).isEqualTo(500);
        assertThat(RecordPutter.batchEnd(entries, 1000)).isEqualTo(1201);
    }

    @Test
    void batchesAtMostFiveMebibytes() {
        // 1 MiB of data plus a one-byte key each: five fit, the sixth would exceed 5 MiB.
        List<RecordEntry> entries = Collections.nCopies(7, new RecordEntry("k", new byte[1 << 20]));

        assertThat(RecordPutter.batchEnd(entries, 0)).isEqualTo(4);
        assertThat(RecordPutter.batchEnd(entries, 4)).isEqualTo(7);
    }

    @Test
    void aloneOversizedEntryStillFormsABatch() {
        List<RecordEntry> entries = List.of(new RecordEntry("k", new byte[6 << 20]));

        assertThat(RecordPutter.batchEnd(entries, 0)).isEqualTo(1);
    }
}
