package org.streamingest.functions.scalar.conditional;

import org.streamingest.functions.inference.CommonTypes;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.ConstantArgumentCount;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.LogicalType;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@code GREATEST(value [, ...])} and {@code LEAST(value [, ...])}: the largest or smallest of
 * values of one type, NULLs ignored; NULL only when every value is NULL. Flink's core module has
 * both, but returns NULL as soon as one argument is NULL, so Redshift's must win in its dialect.
 */
public final class GreatestLeastFunction extends RedshiftScalarFunction {

    private static final long serialVersionUID = 1L;

    private final boolean greatest;

    private GreatestLeastFunction(String name, boolean greatest) {
        super(name);
        this.greatest = greatest;
    }

    public static GreatestLeastFunction greatest() {
        return new GreatestLeastFunction("GREATEST", true);
    }

    public static GreatestLeastFunction least() {
        return new GreatestLeastFunction("LEAST", false);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        String name = name();
        return new InputTypeStrategy() {
            @Override
            public ArgumentCount getArgumentCount() {
                return ConstantArgumentCount.from(1);
            }

            @Override
            public Optional<List<DataType>> inferInputTypes(CallContext call, boolean fail) {
                List<LogicalType> types = NvlFunction.logicalTypes(call);
                Optional<DataType> common = CommonTypes.of(types);
                if (common.isEmpty()) {
                    return call.fail(
                            fail,
                            "%s arguments (%s) have no common type. %s(value, ...) takes values"
                                    + " of one type; CAST the others to it.",
                            name,
                            CommonTypes.describe(types),
                            name);
                }
                if (!Comparable.class.isAssignableFrom(common.get().getConversionClass())) {
                    return call.fail(
                            fail,
                            "%s cannot order values of type %s.",
                            name,
                            common.get().getLogicalType());
                }
                return Optional.of(Collections.nCopies(types.size(), common.get()));
            }

            @Override
            public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
                return List.of(
                        Signature.of(
                                Signature.Argument.of("value", "<COMMON>"),
                                Signature.Argument.ofVarying("value", "<COMMON>")));
            }
        };
    }

    @Override
    protected TypeStrategy outputType() {
        return call -> CommonTypes.of(NvlFunction.logicalTypes(call));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object eval(Object... values) {
        Comparable best = null;
        for (Object value : values) {
            if (value == null) {
                continue;
            }
            Comparable candidate = (Comparable) value;
            if (best == null
                    || (greatest ? candidate.compareTo(best) > 0 : candidate.compareTo(best) < 0)) {
                best = candidate;
            }
        }
        return best;
    }
}
