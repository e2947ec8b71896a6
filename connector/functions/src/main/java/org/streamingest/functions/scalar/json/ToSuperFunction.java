package org.streamingest.functions.scalar.json;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.json.SuperScalars;
import org.streamingest.functions.json.SuperValues;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.utils.TypeConversions;

import java.math.BigDecimal;

/**
 * {@code TO_SUPER(value VARCHAR | BOOLEAN | number) -> SUPER}: a Redshift scalar as a SUPER scalar,
 * as Redshift converts the non-SUPER side of a comparison or arithmetic with a SUPER value. Not a
 * Redshift function: the SQL front end inserts it. A string becomes a SUPER string ({@code 'gold'}
 * is {@code "gold"}), integers and decimals exact numbers, floating point a float. Dates and times
 * are rejected, as Redshift does not cast them to SUPER.
 */
public final class ToSuperFunction extends RedshiftScalarFunction {

    public static final String NAME = "TO_SUPER";

    private static final long serialVersionUID = 1L;

    public ToSuperFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SignatureStrategy.of(
                NAME,
                Overload.of(Arg.varchar("value")),
                Overload.of(Arg.bool("value")),
                Overload.of(
                        Arg.of(
                                "value",
                                "NUMBER",
                                t -> t.is(LogicalTypeFamily.NUMERIC),
                                ToSuperFunction::numberTarget)));
    }

    private static DataType numberTarget(LogicalType type) {
        if (type.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
            return DataTypes.BIGINT();
        }
        if (type.is(LogicalTypeRoot.DECIMAL)) {
            return TypeConversions.fromLogicalToDataType(type).bridgedTo(BigDecimal.class);
        }
        return DataTypes.DOUBLE();
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(SuperValues.DATA_TYPE);
    }

    public StringData eval(StringData value) {
        return value == null ? null : SuperValues.encode(SuperScalars.ofString(value.toString()));
    }

    public StringData eval(Boolean value) {
        return value == null ? null : SuperValues.encode(SuperScalars.ofBoolean(value));
    }

    public StringData eval(Long value) {
        return value == null
                ? null
                : SuperValues.encode(SuperScalars.ofDecimal(BigDecimal.valueOf(value)));
    }

    public StringData eval(BigDecimal value) {
        return value == null ? null : SuperValues.encode(SuperScalars.ofDecimal(value));
    }

    public StringData eval(Double value) {
        if (value == null) {
            return null;
        }
        byte[] text = SuperScalars.ofFloat(value);
        return text == null ? null : SuperValues.encode(text);
    }
}
