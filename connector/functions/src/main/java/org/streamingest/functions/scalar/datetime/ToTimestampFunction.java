package org.streamingest.functions.scalar.datetime;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.LogicalTypeFamily;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@code TO_TIMESTAMP(timestamp, format [, is_strict]) -> TIMESTAMPTZ}: reads a string written in a
 * Redshift datetime format ({@code 'YYYY-MM-DD HH24:MI:SS'}) as a UTC instant. Out-of-range fields
 * roll over unless {@code is_strict} is true.
 *
 * <p>Replaces Flink's built-in TO_TIMESTAMP (Java-style patterns) once the module is loaded.
 */
public final class ToTimestampFunction extends RedshiftScalarFunction {

    public static final String NAME = "TO_TIMESTAMP";

    private static final long serialVersionUID = 1L;

    private transient StringData lastPattern;
    private transient DateFormat lastFormat;

    public ToTimestampFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        Arg timestamp =
                Arg.of(
                        "timestamp",
                        "VARCHAR",
                        t ->
                                t.is(LogicalTypeFamily.CHARACTER_STRING)
                                        || t.is(LogicalTypeFamily.TIMESTAMP),
                        t -> Arg.datetime("timestamp").target(t));
        Arg format = Arg.varchar("format");
        return SignatureStrategy.of(
                        NAME,
                        Overload.of(timestamp, format),
                        Overload.of(timestamp, format, Arg.bool("is_strict")))
                .checkingLiteral(1, DateFormat::compile);
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(DatetimeOutput.TIMESTAMPTZ);
    }

    public Instant eval(Object timestamp, StringData format) {
        return eval(timestamp, format, false);
    }

    public Instant eval(Object timestamp, StringData format, Boolean strict) {
        if (timestamp == null || format == null) {
            return null;
        }
        String text =
                timestamp instanceof LocalDateTime t ? DateTimes.render(t) : timestamp.toString();
        if (timestamp instanceof Instant instant) {
            text = DateTimes.render(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
        try {
            return format(format)
                    .parse(text, Boolean.TRUE.equals(strict))
                    .toInstant(ZoneOffset.UTC);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw error(e.getMessage());
        }
    }

    private DateFormat format(StringData pattern) {
        if (!pattern.equals(lastPattern)) {
            lastFormat = DateFormat.compile(pattern.toString());
            lastPattern = pattern;
        }
        return lastFormat;
    }
}
