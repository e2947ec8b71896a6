package org.streamingest.functions;

import org.streamingest.functions.examples.ExampleEvaluator;
import org.streamingest.functions.examples.FunctionTable;
import org.streamingest.functions.examples.FunctionTable.Example;
import org.streamingest.functions.examples.Values;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs every example of {@code redshift-functions.tsv} against the functions directly (type
 * inference, specialization and eval, no planner); {@code RedshiftExamplesITCase} runs the same
 * examples through Flink SQL.
 */
class RedshiftExamplesTest {

    static List<Example> examples() {
        return FunctionTable.examples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void givesTheDocumentedResult(Example example) {
        if (example.expectsError()) {
            assertThatThrownBy(() -> ExampleEvaluator.evaluate(example.call()))
                    .hasMessageContaining(example.expectedError());
        } else {
            assertThat(Values.render(ExampleEvaluator.evaluate(example.call())))
                    .as("%s (%s)", example.call(), example.source())
                    .isEqualTo(example.expected());
        }
    }
}
