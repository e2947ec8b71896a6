package org.streamingest.job.exec;

import org.streamingest.warehouse.view.QueryResult;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultFormatTest {

    private static final QueryResult RESULT =
            new QueryResult(
                    List.of("id", "name", "ts", "data", "raw"),
                    List.of(
                            Row.of(
                                    1L,
                                    "a,b",
                                    LocalDateTime.of(2026, 1, 2, 3, 4, 5),
                                    "{\"x\":1}",
                                    null),
                            Row.of(2L, null, null, "say \"hi\"", new byte[] {0, 1})));

    private static String print(ResultFormat format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        format.print(RESULT, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndLeavesNullsEmpty() {
        assertThat(print(ResultFormat.CSV))
                .isEqualTo(
                        "id,name,ts,data,raw\n"
                                + "1,\"a,b\",2026-01-02T03:04:05,\"{\"\"x\"\":1}\",\n"
                                + "2,,,\"say \"\"hi\"\"\",AAE=\n");
    }

    @Test
    void jsonPrintsOneObjectPerRowWithColumnsByName() {
        assertThat(print(ResultFormat.JSON))
                .isEqualTo(
                        "{\"id\":1,\"name\":\"a,b\",\"ts\":\"2026-01-02T03:04:05\",\"data\":\"{\\\"x\\\":1}\",\"raw\":null}\n"
                                + "{\"id\":2,\"name\":null,\"ts\":null,\"data\":\"say \\\"hi\\\"\",\"raw\":\"AAE=\"}\n");
    }

    @Test
    void tableShowsHeaderRowsAndCount() {
        String table = print(ResultFormat.TABLE);
        assertThat(table).contains("| id ", "| name ", "a,b", "NULL").endsWith("2 rows\n");
    }

    @Test
    void unknownFormatsAreRejectedWithTheChoices() {
        assertThat(ResultFormat.of("Json")).isEqualTo(ResultFormat.JSON);
        assertThatThrownBy(() -> ResultFormat.of("xml")).hasMessageContaining("table, csv or json");
    }
}
