package org.streamingest.functions.scalar.json;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.json.SuperKind;
import org.streamingest.functions.json.SuperScalars;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

import java.util.Arrays;

/**
 * {@code SUPER_COMPARE(left SUPER, operator VARCHAR, right SUPER) -> BOOLEAN}: a comparison with
 * Redshift's dynamic typing. Not a Redshift function: the SQL front end rewrites {@code a = b},
 * {@code a < b}, ... to it when a side is SUPER, and turns the other side into SUPER first. Two
 * numbers compare by value, two strings by their text, two booleans as false &lt; true. Values of
 * different dynamic types are not equal, and have no order (NULL), rather than an error; JSON null
 * compares as SQL NULL. Objects and arrays are equal when their JSON text is.
 */
public final class SuperCompareFunction extends RedshiftScalarFunction {

    public static final String NAME = "SUPER_COMPARE";

    private static final long serialVersionUID = 1L;

    public SuperCompareFunction() {
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
        return TypeStrategies.explicit(DataTypes.BOOLEAN());
    }

    public Boolean eval(StringData left, StringData operator, StringData right) {
        if (left == null || operator == null || right == null) {
            return null;
        }
        String op = operator.toString();
        byte[] l = SuperArgument.bytes(left);
        byte[] r = SuperArgument.bytes(right);
        SuperKind lk = SuperArgument.kind(NAME, l);
        SuperKind rk = SuperArgument.kind(NAME, r);
        if (lk == SuperKind.NULL || rk == SuperKind.NULL) {
            return checked(op, null);
        }
        Integer order = order(lk, l, rk, r);
        if (order == null) {
            boolean same = lk.typeName().equals(rk.typeName()) && Arrays.equals(l, r);
            return switch (checked(op, op)) {
                case "=" -> same;
                case "<>", "!=" -> !same;
                default -> null;
            };
        }
        return switch (checked(op, op)) {
            case "=" -> order == 0;
            case "<>", "!=" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    /** The order of two scalars of the same dynamic type; null for any other pair. */
    private static Integer order(SuperKind lk, byte[] l, SuperKind rk, byte[] r) {
        if (lk.typeName().equals("number") && rk.typeName().equals("number")) {
            if (lk == SuperKind.FLOAT || rk == SuperKind.FLOAT) {
                return Double.compare(SuperScalars.floating(l), SuperScalars.floating(r));
            }
            return SuperScalars.decimal(l).compareTo(SuperScalars.decimal(r));
        }
        if (lk == SuperKind.STRING && rk == SuperKind.STRING) {
            return Integer.signum(
                    compareCodePoints(SuperScalars.string(l), SuperScalars.string(r)));
        }
        if (lk == SuperKind.BOOLEAN && rk == SuperKind.BOOLEAN) {
            return Boolean.compare(l[0] == 't', r[0] == 't');
        }
        return null;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** {@code result}, once the operator is known to be a comparison. */
    private <T> T checked(String op, T result) {
        switch (op) {
            case "=", "<>", "!=", "<", "<=", ">", ">=" -> {
                return result;
            }
            default ->
                    throw error(
                            "unknown comparison operator '"
                                    + op
                                    + "'; expected =, <>, !=, <, <=, > or >=.");
        }
    }
}
