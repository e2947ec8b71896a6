package org.streamingest.functions.scalar.datetime;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;

import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code DATE_TRUNC('datepart', timestamp) -> TIMESTAMP}: the start of the date part the timestamp
 * falls in (weeks start on Monday, centuries and millennia with year ###1).
 */
public final class DateTruncFunction extends DatePartFunction {

    public static final String NAME = "DATE_TRUNC";

    private static final long serialVersionUID = 1L;

    public DateTruncFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SignatureStrategy.of(
                        NAME, Overload.of(Arg.varchar("datepart"), Arg.datetime("timestamp")))
                .checkingLiteral(0, DatePart::of);
    }

    @Override
    protected TypeStrategy outputType() {
        return DatetimeOutput.likeArgument(1);
    }

    public Object eval(StringData datepart, Object timestamp) {
        if (datepart == null || timestamp == null) {
            return null;
        }
        return DatetimeOutput.sameKind(timestamp, part(datepart).truncate(local(timestamp)));
    }
}
