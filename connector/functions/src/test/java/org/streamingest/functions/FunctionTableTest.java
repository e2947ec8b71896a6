package org.streamingest.functions;

import org.streamingest.functions.examples.FunctionTable;
import org.streamingest.functions.examples.FunctionTable.Function;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The table and the module list the same functions, and each deterministic one has examples. */
class FunctionTableTest {

    private final List<Function> table = FunctionTable.functions();

    @Test
    void everyModuleFunctionIsInTheTable() {
        Set<String> provided =
                table.stream()
                        .filter(Function::provided)
                        .map(f -> f.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());

        assertThat(provided)
                .containsExactlyInAnyOrderElementsOf(RedshiftModule.INSTANCE.listFunctions());
    }

    @Test
    void everyDeterministicFunctionHasExamples() {
        List<String> withoutExamples =
                table.stream()
                        .filter(Function::provided)
                        .filter(f -> f.examples().isEmpty())
                        .filter(
                                f ->
                                        RedshiftModule.INSTANCE
                                                .getFunctionDefinition(f.name())
                                                .orElseThrow()
                                                .isDeterministic())
                        .map(Function::name)
                        .toList();

        assertThat(withoutExamples).isEmpty();
    }

    @Test
    void everyExampleCallsItsOwnFunction() {
        for (Function function : table) {
            for (FunctionTable.Example example : function.examples()) {
                assertThat(example.call().toUpperCase(Locale.ROOT))
                        .as("example of %s", function.name())
                        .contains(function.name() + "(");
            }
        }
    }
}
