package org.streamingest.functions.inference;

import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.ConstantArgumentCount;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.logical.LogicalType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Accepts the argument types of one of a function's overloads and casts them to what the function
 * takes. Anything else fails at planning with a message that names the function, the types given
 * and every valid signature.
 */
public final class SignatureStrategy implements InputTypeStrategy {

    private final String function;
    private final List<Overload> overloads;
    private final Map<Integer, Consumer<String>> literalChecks;

    private SignatureStrategy(
            String function,
            List<Overload> overloads,
            Map<Integer, Consumer<String>> literalChecks) {
        this.function = function;
        this.overloads = overloads;
        this.literalChecks = literalChecks;
    }

    /** The overloads of {@code function} (its Redshift name, used in messages). */
    public static SignatureStrategy of(String function, Overload... overloads) {
        return new SignatureStrategy(function, List.of(overloads), Map.of());
    }

    /**
     * Also checks argument {@code index} at planning when it is a string literal: {@code check}
     * throws {@link IllegalArgumentException} with the reason a value is wrong (a date part, a
     * format, a time zone).
     */
    public SignatureStrategy checkingLiteral(int index, Consumer<String> check) {
        Map<Integer, Consumer<String>> checks = new HashMap<>(literalChecks);
        checks.put(index, check);
        return new SignatureStrategy(function, overloads, checks);
    }

    @Override
    public ArgumentCount getArgumentCount() {
        int min = overloads.stream().mapToInt(Overload::minCount).min().orElse(0);
        boolean unbounded = overloads.stream().anyMatch(o -> o.maxCount().isEmpty());
        if (unbounded) {
            return ConstantArgumentCount.from(min);
        }
        int max = overloads.stream().mapToInt(o -> o.maxCount().orElseThrow()).max().orElse(0);
        return ConstantArgumentCount.between(min, max);
    }

    @Override
    public Optional<List<DataType>> inferInputTypes(
            CallContext callContext, boolean throwOnFailure) {
        List<LogicalType> actual =
                callContext.getArgumentDataTypes().stream()
                        .map(DataType::getLogicalType)
                        .collect(Collectors.toList());
        for (Overload overload : overloads) {
            Optional<List<DataType>> targets = overload.match(actual);
            if (targets.isPresent()) {
                String wrongLiteral = checkLiterals(callContext);
                return wrongLiteral == null
                        ? targets
                        : callContext.fail(throwOnFailure, "%s: %s", function, wrongLiteral);
            }
        }
        return callContext.fail(throwOnFailure, "%s", mismatch(actual));
    }

    private String checkLiterals(CallContext callContext) {
        for (Map.Entry<Integer, Consumer<String>> check : literalChecks.entrySet()) {
            int index = check.getKey();
            if (index < callContext.getArgumentDataTypes().size()
                    && callContext.isArgumentLiteral(index)
                    && !callContext.isArgumentNull(index)) {
                Optional<String> value = callContext.getArgumentValue(index, String.class);
                try {
                    value.ifPresent(check.getValue());
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
        }
        return null;
    }

    /** The message for a call whose argument types fit no overload. */
    public String mismatch(List<LogicalType> actual) {
        String given =
                actual.stream()
                        .map(LogicalType::asSummaryString)
                        .collect(Collectors.joining(", ", function + "(", ")"));
        return String.format(
                "%s cannot be called as %s. Call it as %s.", function, given, describe());
    }

    /** All valid calls, joined for a message. */
    public String describe() {
        return overloads.stream().map(o -> o.render(function)).collect(Collectors.joining(" or "));
    }

    @Override
    public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
        return overloads.stream().map(Overload::signature).collect(Collectors.toList());
    }
}
