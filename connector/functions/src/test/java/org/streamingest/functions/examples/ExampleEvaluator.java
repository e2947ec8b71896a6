package org.streamingest.functions.examples;

import org.streamingest.functions.RedshiftFunctions;
import org.streamingest.functions.scalar.ArgumentInfo;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.utils.TypeConversions;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates an example without a planner, the way Flink would: the function's own type inference
 * picks the argument types (and rejects wrong ones), arguments are converted to the classes those
 * types bridge to, the function is specialized for the call and its {@code eval} is invoked.
 */
public final class ExampleEvaluator {

    /** A value with what planning knows about it. */
    private record Evaluated(Object value, DataType type, boolean literal) {}

    private ExampleEvaluator() {}

    /** The result of the call, or the exception the planner or the function throws. */
    public static Object evaluate(String call) {
        return evaluate(ExampleExpression.parse(call)).value();
    }

    private static Evaluated evaluate(ExampleExpression expression) {
        if (expression instanceof ExampleExpression.Literal literal) {
            return new Evaluated(
                    literal.value(), TypeConversions.fromLogicalToDataType(literal.type()), true);
        }
        ExampleExpression.Call call = (ExampleExpression.Call) expression;
        List<Evaluated> arguments = new ArrayList<>();
        for (ExampleExpression argument : call.arguments()) {
            arguments.add(evaluate(argument));
        }
        RedshiftScalarFunction function =
                RedshiftFunctions.byName().get(call.name().toLowerCase(Locale.ROOT));
        if (function == null) {
            throw new IllegalArgumentException("No function " + call.name() + " in the module");
        }
        TypeInference inference = function.getTypeInference(null);
        Context given = new Context(function, call.name(), arguments);
        if (!inference.getInputTypeStrategy().getArgumentCount().isValidCount(arguments.size())) {
            throw new ValidationException("Invalid number of arguments to function " + call.name());
        }
        List<DataType> targets =
                inference.getInputTypeStrategy().inferInputTypes(given, true).orElseThrow();
        List<Evaluated> cast = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            Evaluated argument = arguments.get(i);
            cast.add(
                    new Evaluated(
                            convert(argument.value(), targets.get(i)),
                            targets.get(i),
                            argument.literal()));
        }
        DataType output =
                inference
                        .getOutputTypeStrategy()
                        .inferType(new Context(function, call.name(), cast))
                        .orElseThrow();
        List<ArgumentInfo> infos =
                arguments.stream()
                        .map(a -> new ArgumentInfo(a.type().getLogicalType(), a.literal()))
                        .toList();
        Object result = invoke(function.forArguments(infos), cast);
        return new Evaluated(result, output, false);
    }

    /** Converts a value to the class Flink passes for {@code target}. */
    private static Object convert(Object value, DataType target) {
        if (value == null) {
            return null;
        }
        Class<?> to = target.getConversionClass();
        if (to.isInstance(value)) {
            return value;
        }
        if (to == StringData.class) {
            return StringData.fromString(value.toString());
        }
        if (to == String.class) {
            return value.toString();
        }
        if (value instanceof Number number) {
            if (to == Long.class) {
                return number.longValue();
            }
            if (to == Integer.class) {
                return number.intValue();
            }
            if (to == Double.class) {
                return number.doubleValue();
            }
            if (to == BigDecimal.class) {
                int scale = ((DecimalType) target.getLogicalType()).getScale();
                return new BigDecimal(number.toString()).setScale(scale);
            }
        }
        throw new IllegalArgumentException(
                "cannot pass " + value.getClass().getSimpleName() + " as " + target);
    }

    private static Object invoke(RedshiftScalarFunction function, List<Evaluated> arguments) {
        Object[] values = arguments.stream().map(Evaluated::value).toArray();
        for (Method method : function.getClass().getMethods()) {
            if (!method.getName().equals("eval") || !accepts(method, arguments)) {
                continue;
            }
            try {
                return method.invoke(function, pack(method, values));
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("No eval method of " + function + " takes " + arguments);
    }

    private static boolean accepts(Method method, List<Evaluated> arguments) {
        Class<?>[] parameters = method.getParameterTypes();
        int fixed = method.isVarArgs() ? parameters.length - 1 : parameters.length;
        if (method.isVarArgs() ? arguments.size() < fixed : arguments.size() != fixed) {
            return false;
        }
        for (int i = 0; i < arguments.size(); i++) {
            Class<?> parameter = i < fixed ? parameters[i] : parameters[fixed].getComponentType();
            Class<?> declared = arguments.get(i).type().getConversionClass();
            if (!parameter.isAssignableFrom(declared)) {
                return false;
            }
        }
        return true;
    }

    private static Object[] pack(Method method, Object[] values) {
        if (!method.isVarArgs()) {
            return values;
        }
        int fixed = method.getParameterCount() - 1;
        Class<?> component = method.getParameterTypes()[fixed].getComponentType();
        Object rest = Array.newInstance(component, values.length - fixed);
        for (int i = fixed; i < values.length; i++) {
            Array.set(rest, i - fixed, values[i]);
        }
        Object[] packed = new Object[fixed + 1];
        System.arraycopy(values, 0, packed, 0, fixed);
        packed[fixed] = rest;
        return packed;
    }

    /** The call as the type inference of a function sees it. */
    private static final class Context implements CallContext {
        private final FunctionDefinition function;
        private final String name;
        private final List<Evaluated> arguments;

        Context(FunctionDefinition function, String name, List<Evaluated> arguments) {
            this.function = function;
            this.name = name;
            this.arguments = arguments;
        }

        @Override
        public DataTypeFactory getDataTypeFactory() {
            throw new UnsupportedOperationException("not needed by the module's functions");
        }

        @Override
        public FunctionDefinition getFunctionDefinition() {
            return function;
        }

        @Override
        public boolean isArgumentLiteral(int pos) {
            return arguments.get(pos).literal();
        }

        @Override
        public boolean isArgumentNull(int pos) {
            return arguments.get(pos).literal() && arguments.get(pos).value() == null;
        }

        @Override
        public <T> Optional<T> getArgumentValue(int pos, Class<T> clazz) {
            Object value = arguments.get(pos).value();
            return isArgumentLiteral(pos) && clazz.isInstance(value)
                    ? Optional.of(clazz.cast(value))
                    : Optional.empty();
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public List<DataType> getArgumentDataTypes() {
            return arguments.stream().map(Evaluated::type).toList();
        }

        @Override
        public Optional<DataType> getOutputDataType() {
            return Optional.empty();
        }

        @Override
        public boolean isGroupedAggregation() {
            return false;
        }
    }
}
