package org.streamingest.functions.scalar.json;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.json.SuperKind;
import org.streamingest.functions.json.SuperScalars;
import org.streamingest.functions.json.SuperValues;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code SUPER_ARITHMETIC(left SUPER, operator VARCHAR, right SUPER) -> SUPER}: {@code + - * / %}
 * with Redshift's dynamic typing. Not a Redshift function: the SQL front end rewrites arithmetic
 * with a SUPER operand to it. The result stays SUPER. Numbers only, except {@code +} of two
 * strings, which concatenates; anything else gives NULL. A float operand makes the result a float;
 * exact numbers keep Redshift's DECIMAL scales (sum: the larger scale, product: the sum of the
 * scales, quotient: {@code max(4, s1 + p2 - s2 + 1)}); integers divide as integers. Division by
 * zero is an error, as in Redshift.
 */
public final class SuperArithmeticFunction extends RedshiftScalarFunction {

    public static final String NAME = "SUPER_ARITHMETIC";

    private static final long serialVersionUID = 1L;

    public SuperArithmeticFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SignatureStrategy.of(
                NAME,
                Overload.of(
                        Arg.superValue("left"), Arg.varchar("operator"), Arg.superValue("right")));
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(SuperValues.DATA_TYPE);
    }

    public StringData eval(StringData left, StringData operator, StringData right) {
        if (left == null || operator == null || right == null) {
            return null;
        }
        String op = operator.toString();
        if (!op.equals("+")
                && !op.equals("-")
                && !op.equals("*")
                && !op.equals("/")
                && !op.equals("%")) {
            throw error("unknown arithmetic operator '" + op + "'; expected +, -, *, / or %.");
        }
        byte[] l = SuperArgument.bytes(left);
        byte[] r = SuperArgument.bytes(right);
        SuperKind lk = SuperArgument.kind(NAME, l);
        SuperKind rk = SuperArgument.kind(NAME, r);
        if (op.equals("+") && lk == SuperKind.STRING && rk == SuperKind.STRING) {
            return SuperValues.encode(
                    SuperScalars.ofString(SuperScalars.string(l) + SuperScalars.string(r)));
        }
        if (!lk.typeName().equals("number") || !rk.typeName().equals("number")) {
            return null;
        }
        if (lk == SuperKind.FLOAT || rk == SuperKind.FLOAT) {
            byte[] result = floating(op, SuperScalars.floating(l), SuperScalars.floating(r));
            return result == null ? null : SuperValues.encode(result);
        }
        BigDecimal a = SuperScalars.decimal(l);
        BigDecimal b = SuperScalars.decimal(r);
        return SuperValues.encode(SuperScalars.ofDecimal(exact(op, a, b)));
    }

    private byte[] floating(String op, double a, double b) {
        if ((op.equals("/") || op.equals("%")) && b == 0) {
            throw error("division by zero.");
        }
        return SuperScalars.ofFloat(
                switch (op) {
                    case "+" -> a + b;
                    case "-" -> a - b;
                    case "*" -> a * b;
                    case "/" -> a / b;
                    default -> a % b;
                });
    }

    private BigDecimal exact(String op, BigDecimal a, BigDecimal b) {
        if ((op.equals("/") || op.equals("%")) && b.signum() == 0) {
            throw error("division by zero.");
        }
        boolean integers = a.scale() <= 0 && b.scale() <= 0;
        return switch (op) {
            case "+" -> a.add(b);
            case "-" -> a.subtract(b);
            case "*" -> a.multiply(b);
            case "/" ->
                    integers
                            ? a.divide(b, 0, RoundingMode.DOWN)
                            : a.divide(
                                    b,
                                    Math.max(4, a.scale() + b.precision() - b.scale() + 1),
                                    RoundingMode.HALF_UP);
            default -> a.remainder(b);
        };
    }
}
