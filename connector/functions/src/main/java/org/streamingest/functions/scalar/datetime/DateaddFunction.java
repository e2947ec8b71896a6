package org.streamingest.functions.scalar.datetime;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;

import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

import java.time.DateTimeException;

/**
 * {@code DATEADD(datepart, interval, {date|timestamp}) -> TIMESTAMP}: moves a date or timestamp by
 * a number of date parts. Months keep the day when it exists and else take the month's last day;
 * years move 2016-02-29 to 2017-03-01.
 */
public final class DateaddFunction extends DatePartFunction {

    public static final String NAME = "DATEADD";

    private static final long serialVersionUID = 1L;

    public DateaddFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SignatureStrategy.of(
                        NAME,
                        Overload.of(
                                Arg.varchar("datepart"),
                                Arg.bigint("interval"),
                                Arg.datetime("value")))
                .checkingLiteral(0, DatePart::of);
    }

    @Override
    protected TypeStrategy outputType() {
        return DatetimeOutput.likeArgument(2);
    }

    public Object eval(StringData datepart, Long interval, Object value) {
        if (datepart == null || interval == null || value == null) {
            return null;
        }
        try {
            return DatetimeOutput.sameKind(value, part(datepart).add(local(value), interval));
        } catch (ArithmeticException | DateTimeException e) {
            throw error("the result is out of range: " + e.getMessage());
        }
    }
}
