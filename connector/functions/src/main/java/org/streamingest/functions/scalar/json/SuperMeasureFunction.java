package org.streamingest.functions.scalar.json;

import org.streamingest.functions.json.NumberDigits;
import org.streamingest.functions.json.SuperKind;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * The INTEGER measures of a SUPER value: {@code JSON_SIZE} (bytes of its serialized text, 4 for
 * NULL as for {@code OCTET_LENGTH(JSON_SERIALIZE(NULL))}), {@code DECIMAL_PRECISION} and {@code
 * DECIMAL_SCALE} (digits of a non-float number, NULL for anything else).
 */
public final class SuperMeasureFunction extends RedshiftScalarFunction {

    private static final long serialVersionUID = 1L;

    /** What is measured. */
    public enum Measure {
        JSON_SIZE,
        DECIMAL_PRECISION,
        DECIMAL_SCALE
    }

    private final Measure measure;

    public SuperMeasureFunction(Measure measure) {
        super(measure.name());
        this.measure = measure;
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SuperArgument.strategy(name());
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(DataTypes.INT());
    }

    public Integer eval(StringData value) {
        if (value == null) {
            return measure == Measure.JSON_SIZE ? 4 : null;
        }
        byte[] json = SuperArgument.bytes(value);
        SuperKind kind = SuperArgument.kind(name(), json);
        if (measure == Measure.JSON_SIZE) {
            return json.length;
        }
        if (!kind.isInteger() && kind != SuperKind.DECIMAL) {
            return null;
        }
        NumberDigits digits = NumberDigits.of(json, 0, json.length);
        return measure == Measure.DECIMAL_PRECISION ? digits.precision() : digits.scale();
    }
}
