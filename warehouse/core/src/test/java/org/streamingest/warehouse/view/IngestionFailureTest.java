package org.streamingest.warehouse.view;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestionFailureTest {

    @Test
    void theFailureReasonIsTheInnermostCause() {
        assertThat(
                        IngestionFailure.firstLine(
                                "java.lang.RuntimeException: outer\n\tat x\n"
                                        + "Caused by: java.io.IOException: middle\n"
                                        + "Caused by: Stream s shard 1: bad JSON\n\tat y"))
                .isEqualTo("Stream s shard 1: bad JSON");
        assertThat(IngestionFailure.firstLine("only line")).isEqualTo("only line");
    }
}
