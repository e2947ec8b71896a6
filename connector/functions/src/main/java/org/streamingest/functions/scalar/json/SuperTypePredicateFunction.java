package org.streamingest.functions.scalar.json;

import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code IS_ARRAY(super_expression) -> BOOLEAN} and its siblings: whether a SUPER value has a
 * dynamic type. Redshift returns false for everything else, including null.
 */
public final class SuperTypePredicateFunction extends RedshiftScalarFunction {

    private static final long serialVersionUID = 1L;

    private final SuperTypePredicate test;

    public SuperTypePredicateFunction(SuperTypePredicate test) {
        super(test.name());
        this.test = test;
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SuperArgument.strategy(name());
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(DataTypes.BOOLEAN().notNull());
    }

    public boolean eval(StringData value) {
        if (value == null) {
            return false;
        }
        byte[] json = SuperArgument.bytes(value);
        return test.test(SuperArgument.kind(name(), json), json);
    }
}
