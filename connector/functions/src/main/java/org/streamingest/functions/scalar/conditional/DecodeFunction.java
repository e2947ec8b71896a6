package org.streamingest.functions.scalar.conditional;

import org.streamingest.functions.inference.CommonTypes;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
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

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code DECODE(expression, search, result [, search, result]... [, default])}: the result of the
 * first search equal to the expression (NULL equals NULL here), else the default or NULL.
 *
 * <p>Flink's core module has a DECODE of its own, {@code DECODE(binary, charset)}; it wins unless
 * the module comes first ({@code USE MODULES redshift, core}), and then this function keeps its
 * meaning for two arguments, which Redshift's DECODE never takes.
 */
public final class DecodeFunction extends RedshiftScalarFunction {

    public static final String NAME = "DECODE";

    private static final long serialVersionUID = 1L;

    public DecodeFunction() {
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
                List<LogicalType> types = NvlFunction.logicalTypes(call);
                if (types.size() == 2) {
                    return flinkDecode(types, call, fail);
                }
                Optional<DataType> searchType = CommonTypes.of(searchSide(types));
                Optional<DataType> resultType = CommonTypes.of(resultSide(types));
                if (searchType.isEmpty()) {
                    return call.fail(
                            fail,
                            "DECODE expression and search values (%s) have no common type.",
                            CommonTypes.describe(searchSide(types)));
                }
                if (resultType.isEmpty()) {
                    return call.fail(
                            fail,
                            "DECODE result and default values (%s) have no common type.",
                            CommonTypes.describe(resultSide(types)));
                }
                List<DataType> targets = new ArrayList<>();
                for (int i = 0; i < types.size(); i++) {
                    targets.add(isSearch(i, types.size()) ? searchType.get() : resultType.get());
                }
                return Optional.of(targets);
            }

            @Override
            public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
                return List.of(
                        Signature.of(
                                Signature.Argument.of("expression", "<COMMON>"),
                                Signature.Argument.of("search", "<COMMON>"),
                                Signature.Argument.of("result", "<ANY>"),
                                Signature.Argument.ofVarying("search, result, default", "<ANY>")),
                        Signature.of(
                                Signature.Argument.of("binary", "VARBYTE"),
                                Signature.Argument.of("charset", "VARCHAR")));
            }
        };
    }

    private static Optional<List<DataType>> flinkDecode(
            List<LogicalType> types, CallContext call, boolean fail) {
        if (types.get(0).is(LogicalTypeFamily.BINARY_STRING)
                && types.get(1).is(LogicalTypeFamily.CHARACTER_STRING)) {
            return Optional.of(List.of(DataTypes.BYTES(), DataTypes.STRING()));
        }
        return call.fail(
                fail,
                "DECODE takes DECODE(expression, search, result [, search, result]..."
                        + " [, default]) or Flink's DECODE(binary, charset); got DECODE(%s).",
                CommonTypes.describe(types));
    }

    @Override
    protected TypeStrategy outputType() {
        return call -> {
            List<LogicalType> types = NvlFunction.logicalTypes(call);
            if (types.size() == 2) {
                return Optional.of(DataTypes.STRING());
            }
            // NULL when nothing matches and there is no default
            return CommonTypes.of(resultSide(types)).map(DataType::nullable);
        };
    }

    /** Argument 0 and every search position (1, 3, 5, ... except a trailing default). */
    private static boolean isSearch(int index, int count) {
        boolean hasDefault = count % 2 == 0;
        return index == 0 || (index % 2 == 1 && !(hasDefault && index == count - 1));
    }

    private static List<LogicalType> searchSide(List<LogicalType> types) {
        List<LogicalType> side = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            if (isSearch(i, types.size())) {
                side.add(types.get(i));
            }
        }
        return side;
    }

    private static List<LogicalType> resultSide(List<LogicalType> types) {
        List<LogicalType> side = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            if (!isSearch(i, types.size())) {
                side.add(types.get(i));
            }
        }
        return side;
    }

    public Object eval(Object... args) {
        if (args.length == 2) {
            return args[0] == null || args[1] == null
                    ? null
                    : new String((byte[]) args[0], Charset.forName(args[1].toString()));
        }
        Object expression = args[0];
        int pairs = (args.length - 1) / 2;
        for (int pair = 0; pair < pairs; pair++) {
            int search = 1 + 2 * pair;
            if (same(expression, args[search])) {
                return args[search + 1];
            }
        }
        return args.length % 2 == 0 ? args[args.length - 1] : null;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }
}
