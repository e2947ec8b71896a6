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
import java.util.stream.Collectors;

/**
 * {@code NVL(expression, expression, ...)}, Redshift's synonym of COALESCE: the first argument that
 * is not NULL. All arguments must have a common type, which is the result type.
 */
public final class NvlFunction extends RedshiftScalarFunction {

    public static final String NAME = "NVL";

    private static final long serialVersionUID = 1L;

    public NvlFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return new InputTypeStrategy() {
            @Override
            public ArgumentCount getArgumentCount() {
                return ConstantArgumentCount.from(2);
            }

            @Override
            public Optional<List<DataType>> inferInputTypes(CallContext call, boolean fail) {
                List<LogicalType> types = logicalTypes(call);
                Optional<DataType> common = CommonTypes.of(types);
                if (common.isEmpty()) {
                    return call.fail(
                            fail,
                            "NVL arguments (%s) have no common type. NVL(expression, expression,"
                                    + " ...) takes values of one type; CAST the others to it.",
                            CommonTypes.describe(types));
                }
                return Optional.of(Collections.nCopies(types.size(), common.get()));
            }

            @Override
            public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
                return List.of(
                        Signature.of(
                                Signature.Argument.of("expression", "<COMMON>"),
                                Signature.Argument.ofVarying("expression", "<COMMON>")));
            }
        };
    }

    @Override
    protected TypeStrategy outputType() {
        return call -> CommonTypes.of(logicalTypes(call));
    }

    public Object eval(Object... values) {
        for (Object value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static List<LogicalType> logicalTypes(CallContext call) {
        return call.getArgumentDataTypes().stream()
                .map(DataType::getLogicalType)
                .collect(Collectors.toList());
    }
}
