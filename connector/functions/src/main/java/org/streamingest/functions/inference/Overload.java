package org.streamingest.functions.inference;

import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.logical.LogicalType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One way to call a function: fixed leading parameters, optionally a repeated parameter (with a
 * minimum count), then fixed trailing parameters. {@code JSON_EXTRACT_PATH_TEXT(json, path...,
 * null_if_invalid)} is leading {@code json}, repeated {@code path} (at least one), trailing {@code
 * null_if_invalid}.
 */
public final class Overload {

    private final List<Arg> leading;
    private final Arg repeated;
    private final int minRepeated;
    private final int maxRepeated;
    private final List<Arg> trailing;

    private Overload(
            List<Arg> leading, Arg repeated, int minRepeated, int maxRepeated, List<Arg> trailing) {
        this.leading = leading;
        this.repeated = repeated;
        this.minRepeated = minRepeated;
        this.maxRepeated = maxRepeated;
        this.trailing = trailing;
    }

    /** A fixed list of parameters. */
    public static Overload of(Arg... args) {
        return new Overload(List.of(args), null, 0, 0, List.of());
    }

    /**
     * Leading parameters, then {@code repeated} from {@code min} to {@code max} times ({@code max <
     * 0}: unbounded), then trailing parameters.
     */
    public static Overload repeating(
            List<Arg> leading, Arg repeated, int min, int max, Arg... trailing) {
        return new Overload(leading, repeated, min, max, List.of(trailing));
    }

    int minCount() {
        return leading.size() + minRepeated + trailing.size();
    }

    /** The maximum number of arguments, empty if unbounded. */
    Optional<Integer> maxCount() {
        if (repeated == null) {
            return Optional.of(minCount());
        }
        return maxRepeated < 0
                ? Optional.empty()
                : Optional.of(leading.size() + maxRepeated + trailing.size());
    }

    /** The parameter that takes argument {@code index} of {@code count}, if the count fits. */
    private Arg parameter(int index, int count) {
        if (index < leading.size()) {
            return leading.get(index);
        }
        int fromEnd = count - index;
        if (fromEnd <= trailing.size()) {
            return trailing.get(trailing.size() - fromEnd);
        }
        return repeated;
    }

    /** The types to cast the arguments to, if this overload takes them. */
    Optional<List<DataType>> match(List<LogicalType> actual) {
        int count = actual.size();
        if (count < minCount() || count > maxCount().orElse(Integer.MAX_VALUE)) {
            return Optional.empty();
        }
        List<DataType> targets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Arg parameter = parameter(i, count);
            if (!parameter.accepts(actual.get(i))) {
                return Optional.empty();
            }
            targets.add(parameter.target(actual.get(i)));
        }
        return Optional.of(targets);
    }

    Signature signature() {
        List<Signature.Argument> arguments = new ArrayList<>();
        leading.forEach(a -> arguments.add(Signature.Argument.of(a.name(), a.typeName())));
        if (repeated != null) {
            arguments.add(Signature.Argument.ofVarying(repeated.name(), repeated.typeName()));
        }
        trailing.forEach(a -> arguments.add(Signature.Argument.of(a.name(), a.typeName())));
        return Signature.of(arguments);
    }

    /** The call as users read it, e.g. {@code JSON_PARSE(json VARCHAR)}. */
    String render(String function) {
        List<String> parts = new ArrayList<>();
        leading.forEach(a -> parts.add(a.toString()));
        if (repeated != null) {
            parts.add(repeated + (maxRepeated < 0 ? "..." : " (up to " + maxRepeated + ")"));
        }
        trailing.forEach(a -> parts.add(a.toString()));
        return parts.stream().collect(Collectors.joining(", ", function + "(", ")"));
    }
}
