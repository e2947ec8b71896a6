package org.streamingest.functions.scalar.datetime;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Result types of date/time functions: TIMESTAMP(6) (Redshift's microseconds), or TIMESTAMPTZ
 * (Flink's TIMESTAMP_LTZ(6)) when the input was one.
 */
final class DatetimeOutput {

    static final DataType TIMESTAMP = DataTypes.TIMESTAMP(6);
    static final DataType TIMESTAMPTZ = DataTypes.TIMESTAMP_LTZ(6);

    private DatetimeOutput() {}

    /** TIMESTAMPTZ if argument {@code index} is one, else TIMESTAMP. */
    static TypeStrategy likeArgument(int index) {
        return call -> {
            boolean zoned =
                    call.getArgumentDataTypes()
                            .get(index)
                            .getLogicalType()
                            .is(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
            return Optional.of(zoned ? TIMESTAMPTZ : TIMESTAMP);
        };
    }

    /** The result in the same kind as the input: an {@code Instant} for an {@code Instant}. */
    static Object sameKind(Object input, LocalDateTime result) {
        return input instanceof Instant ? result.toInstant(ZoneOffset.UTC) : result;
    }
}
