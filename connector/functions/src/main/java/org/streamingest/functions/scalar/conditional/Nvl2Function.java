package org.streamingest.functions.scalar.conditional;

import org.streamingest.functions.inference.CommonTypes;
import org.streamingest.functions.scalar.ArgumentInfo;
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
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.utils.TypeConversions;

import java.util.List;
import java.util.Optional;

/**
 * {@code NVL2(expression, not_null_return_value, null_return_value)}: the second argument if the
 * first is not NULL, else the third. The result type is the common type of the two values; if they
 * have none and the second is a string, it is the string type and the third value is converted to
 * text (Redshift's rule for mixed character and other types).
 */
public final class Nvl2Function extends RedshiftScalarFunction {

    public static final String NAME = "NVL2";

    private static final long serialVersionUID = 1L;

    private final boolean nullValueAsText;

    public Nvl2Function() {
        this(false);
    }

    private Nvl2Function(boolean nullValueAsText) {
        super(NAME);
        this.nullValueAsText = nullValueAsText;
    }

    @Override
    public RedshiftScalarFunction forArguments(List<ArgumentInfo> arguments) {
        List<LogicalType> values = List.of(arguments.get(1).type(), arguments.get(2).type());
        return new Nvl2Function(CommonTypes.of(values).isEmpty());
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return new InputTypeStrategy() {
            @Override
            public ArgumentCount getArgumentCount() {
                return ConstantArgumentCount.of(3);
            }

            @Override
            public Optional<List<DataType>> inferInputTypes(CallContext call, boolean fail) {
                List<LogicalType> types = NvlFunction.logicalTypes(call);
                DataType expression = TypeConversions.fromLogicalToDataType(types.get(0));
                Optional<DataType> result = resultType(types);
                if (result.isEmpty()) {
                    return call.fail(
                            fail,
                            "NVL2 return values (%s) have no common type and the first is not a"
                                    + " string. NVL2(expression, not_null_return_value,"
                                    + " null_return_value) takes two values of one type.",
                            CommonTypes.describe(types.subList(1, 3)));
                }
                boolean common = CommonTypes.of(types.subList(1, 3)).isPresent();
                DataType nullValue =
                        common ? result.get() : TypeConversions.fromLogicalToDataType(types.get(2));
                return Optional.of(List.of(expression, result.get(), nullValue));
            }

            @Override
            public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
                return List.of(
                        Signature.of(
                                Signature.Argument.of("expression", "<ANY>"),
                                Signature.Argument.of("not_null_return_value", "<COMMON>"),
                                Signature.Argument.of("null_return_value", "<COMMON>")));
            }
        };
    }

    @Override
    protected TypeStrategy outputType() {
        return call -> resultType(NvlFunction.logicalTypes(call));
    }

    private static Optional<DataType> resultType(List<LogicalType> types) {
        Optional<DataType> common = CommonTypes.of(types.subList(1, 3));
        if (common.isPresent() || !types.get(1).is(LogicalTypeFamily.CHARACTER_STRING)) {
            return common;
        }
        return CommonTypes.of(List.of(types.get(1)));
    }

    public Object eval(Object expression, Object notNullValue, Object nullValue) {
        if (expression != null) {
            return notNullValue;
        }
        return nullValueAsText && nullValue != null ? Texts.render(nullValue) : nullValue;
    }
}
