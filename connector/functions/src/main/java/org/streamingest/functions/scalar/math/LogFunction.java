package org.streamingest.functions.scalar.math;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.LogicalTypeFamily;

/**
 * {@code LOG(number) -> DOUBLE PRECISION}: Redshift's base 10 logarithm. Flink's core module has a
 * LOG that is the natural logarithm, so with this module first {@code LOG(100)} is 2 as in
 * Redshift. The two-argument form keeps Flink's meaning, {@code LOG(base, number)}, which Redshift
 * does not have. Zero and negative numbers are errors, as in Redshift.
 */
public final class LogFunction extends RedshiftScalarFunction {

    public static final String NAME = "LOG";

    private static final long serialVersionUID = 1L;

    public LogFunction() {
        super(NAME);
    }

    private static Arg number(String name) {
        return Arg.of(
                name,
                "DOUBLE PRECISION",
                t -> t.is(LogicalTypeFamily.NUMERIC),
                t -> DataTypes.DOUBLE());
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SignatureStrategy.of(
                NAME, Overload.of(number("number")), Overload.of(number("base"), number("number")));
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(DataTypes.DOUBLE());
    }

    public Double eval(Double number) {
        return number == null ? null : Math.log10(checked(number));
    }

    public Double eval(Double base, Double number) {
        if (base == null || number == null) {
            return null;
        }
        return Math.log(checked(number)) / Math.log(checked(base));
    }

    private double checked(double number) {
        if (number == 0) {
            throw error("cannot take logarithm of zero.");
        }
        if (number < 0) {
            throw error("cannot take logarithm of a negative number.");
        }
        return number;
    }
}
