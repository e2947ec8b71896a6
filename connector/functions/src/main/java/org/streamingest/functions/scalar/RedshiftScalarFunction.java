package org.streamingest.functions.scalar;

import org.apache.flink.table.api.TableRuntimeException;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * A Redshift scalar function: its Redshift name (used in every message), the argument types it
 * takes and its result type. Subclasses declare {@code eval} methods for the argument classes their
 * {@link #inputTypes()} cast to.
 */
public abstract class RedshiftScalarFunction extends ScalarFunction implements SpecializedFunction {

    private static final long serialVersionUID = 1L;

    private final String name;

    protected RedshiftScalarFunction(String name) {
        this.name = name;
    }

    /** The name as Redshift spells it, e.g. {@code JSON_PARSE}. */
    public final String name() {
        return name;
    }

    /** Which argument types the function takes and what they are cast to. */
    protected abstract InputTypeStrategy inputTypes();

    /** The result type. */
    protected abstract TypeStrategy outputType();

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(inputTypes())
                .outputTypeStrategy(outputType())
                .build();
    }

    @Override
    public final UserDefinedFunction specialize(SpecializedContext context) {
        CallContext call = context.getCallContext();
        List<DataType> types = call.getArgumentDataTypes();
        List<ArgumentInfo> arguments = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            arguments.add(
                    new ArgumentInfo(types.get(i).getLogicalType(), call.isArgumentLiteral(i)));
        }
        return forArguments(arguments);
    }

    /**
     * The instance that runs a call with these arguments; functions whose behaviour depends on
     * argument types known only at planning override this.
     */
    public RedshiftScalarFunction forArguments(List<ArgumentInfo> arguments) {
        return this;
    }

    /** An error a user caused with their data, prefixed with the function name. */
    protected final TableRuntimeException error(String message) {
        return new TableRuntimeException(name + ": " + message);
    }

    @Override
    public String toString() {
        return name;
    }
}
