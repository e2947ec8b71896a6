package org.streamingest.functions.scalar.datetime;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code DATEDIFF(datepart, start, end) -> BIGINT}: how many date part boundaries lie between two
 * dates or timestamps (from 2008-12-31 to 2009-01-01 is one year); negative if {@code end} is
 * earlier.
 */
public final class DatediffFunction extends DatePartFunction {

    public static final String NAME = "DATEDIFF";

    private static final long serialVersionUID = 1L;

    public DatediffFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SignatureStrategy.of(
                        NAME,
                        Overload.of(
                                Arg.varchar("datepart"),
                                Arg.datetime("start"),
                                Arg.datetime("end")))
                .checkingLiteral(0, DatePart::of);
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(DataTypes.BIGINT());
    }

    public Long eval(StringData datepart, Object start, Object end) {
        if (datepart == null || start == null || end == null) {
            return null;
        }
        return part(datepart).diff(local(start), local(end));
    }
}
