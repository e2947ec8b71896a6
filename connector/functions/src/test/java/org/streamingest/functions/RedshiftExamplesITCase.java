package org.streamingest.functions;

import org.streamingest.functions.examples.FunctionTable;
import org.streamingest.functions.examples.FunctionTable.Example;
import org.streamingest.functions.examples.Values;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.CollectionUtil;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs every example of {@code redshift-functions.tsv} through Flink SQL with {@code LOAD MODULE
 * redshift}: the planner's type inference, casts, specialization and code generation.
 */
@Timeout(300)
class RedshiftExamplesITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private TableEnvironment tEnv;

    @BeforeEach
    void loadModule() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "1");
        tEnv.executeSql("LOAD MODULE redshift");
        tEnv.executeSql("USE MODULES redshift, core");
    }

    @Test
    void everyExampleGivesItsResultInOneQuery() throws Exception {
        // Given every example that returns a value, as the columns of one query
        List<Example> examples =
                FunctionTable.examples().stream().filter(e -> !e.expectsError()).toList();
        String select =
                examples.stream()
                        .map(Example::call)
                        .collect(Collectors.joining(",\n  ", "SELECT\n  ", ""));

        // When
        List<Row> rows;
        try (CloseableIterator<Row> result = tEnv.executeSql(select).collect()) {
            rows = CollectionUtil.iteratorToList(result);
        }

        // Then
        assertThat(rows).hasSize(1);
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            softly.assertThat(Values.render(rows.get(0).getField(i)))
                    .as("%s (%s)", example.call(), example.source())
                    .isEqualTo(example.expected());
        }
        softly.assertAll();
    }

    @Test
    void everyErrorExampleFailsWithItsMessage() {
        for (Example example : FunctionTable.examples()) {
            if (example.expectsError()) {
                assertThatThrownBy(
                                () -> {
                                    try (CloseableIterator<Row> result =
                                            tEnv.executeSql("SELECT " + example.call()).collect()) {
                                        CollectionUtil.iteratorToList(result);
                                    }
                                },
                                example.call())
                        .hasStackTraceContaining(example.expectedError());
            }
        }
    }
}
