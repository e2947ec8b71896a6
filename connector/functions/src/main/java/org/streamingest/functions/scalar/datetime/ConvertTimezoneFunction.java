package org.streamingest.functions.scalar.datetime;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * {@code CONVERT_TIMEZONE(['source_timezone',] 'target_timezone', timestamp) -> TIMESTAMP}: the
 * wall-clock time in the target zone of a timestamp read in the source zone (UTC if omitted). A
 * TIMESTAMPTZ input is an instant already; its source zone is not needed.
 */
public final class ConvertTimezoneFunction extends RedshiftScalarFunction {

    public static final String NAME = "CONVERT_TIMEZONE";

    private static final long serialVersionUID = 1L;

    public ConvertTimezoneFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        Arg source = Arg.varchar("source_timezone");
        Arg target = Arg.varchar("target_timezone");
        Arg timestamp = Arg.datetime("timestamp");
        return SignatureStrategy.of(
                        NAME,
                        Overload.of(target, timestamp),
                        Overload.of(source, target, timestamp))
                .checkingLiteral(0, TimeZones::resolve);
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(DatetimeOutput.TIMESTAMP);
    }

    public LocalDateTime eval(StringData target, Object timestamp) {
        return target == null || timestamp == null
                ? null
                : convert(ZoneOffset.UTC, target, timestamp);
    }

    public LocalDateTime eval(StringData source, StringData target, Object timestamp) {
        if (source == null || target == null || timestamp == null) {
            return null;
        }
        return convert(zone(source), target, timestamp);
    }

    private LocalDateTime convert(ZoneId source, StringData target, Object timestamp) {
        Instant instant;
        try {
            instant =
                    timestamp instanceof Instant i
                            ? i
                            : DateTimes.toLocal(timestamp).atZone(source).toInstant();
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        return LocalDateTime.ofInstant(instant, zone(target));
    }

    private ZoneId zone(StringData specification) {
        try {
            return TimeZones.resolve(specification.toString());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }
}
