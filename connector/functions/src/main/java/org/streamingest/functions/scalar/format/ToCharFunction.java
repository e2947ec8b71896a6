package org.streamingest.functions.scalar.format;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@code TO_CHAR(timestamp_expression | numeric_expression, 'format') -> VARCHAR}: a time stamp
 * (DATE, TIMESTAMP, TIMESTAMPTZ read in UTC) written in a datetime format string ({@link
 * DatetimeTemplate}), or a number written in a numeric format string ({@link NumericTemplate}).
 */
public final class ToCharFunction extends RedshiftScalarFunction {

    public static final String NAME = "TO_CHAR";

    private static final long serialVersionUID = 1L;

    private transient StringData lastPattern;
    private transient Object lastTemplate;

    public ToCharFunction() {
        super(NAME);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        Arg value =
                Arg.of(
                        "value",
                        "TIMESTAMP | TIMESTAMPTZ | DATE | numeric",
                        t ->
                                t.is(LogicalTypeRoot.DATE)
                                        || t.is(LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE)
                                        || t.is(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE)
                                        || t.is(LogicalTypeFamily.NUMERIC),
                        ToCharFunction::target);
        return SignatureStrategy.of(NAME, Overload.of(value, Arg.varchar("format")));
    }

    private static DataType target(LogicalType t) {
        if (t.is(LogicalTypeRoot.DATE)) {
            return DataTypes.DATE();
        }
        if (t.is(LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE)) {
            return DataTypes.TIMESTAMP(LogicalTypeChecks.getPrecision(t));
        }
        if (t.is(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE)) {
            return DataTypes.TIMESTAMP_LTZ(LogicalTypeChecks.getPrecision(t));
        }
        if (t.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
            return DataTypes.BIGINT();
        }
        if (t instanceof DecimalType decimal) {
            return DataTypes.DECIMAL(decimal.getPrecision(), decimal.getScale());
        }
        return DataTypes.DOUBLE();
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(Arg.STRING);
    }

    public StringData eval(Object value, StringData format) {
        if (value == null || format == null) {
            return null;
        }
        try {
            return StringData.fromString(write(value, format));
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private String write(Object value, StringData format) {
        if (value instanceof LocalDateTime time) {
            return datetime(format).format(time, false);
        }
        if (value instanceof LocalDate date) {
            return datetime(format).format(date.atStartOfDay(), false);
        }
        if (value instanceof Instant instant) {
            return datetime(format).format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC), true);
        }
        BigDecimal number;
        if (value instanceof BigDecimal decimal) {
            number = decimal;
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new IllegalArgumentException("cannot format " + d + " as a number");
            }
            number = BigDecimal.valueOf(d);
        } else {
            number = BigDecimal.valueOf(((Number) value).longValue());
        }
        return numeric(format).format(number);
    }

    private DatetimeTemplate datetime(StringData pattern) {
        if (!pattern.equals(lastPattern) || !(lastTemplate instanceof DatetimeTemplate)) {
            lastTemplate = DatetimeTemplate.compile(pattern.toString());
            lastPattern = pattern;
        }
        return (DatetimeTemplate) lastTemplate;
    }

    private NumericTemplate numeric(StringData pattern) {
        if (!pattern.equals(lastPattern) || !(lastTemplate instanceof NumericTemplate)) {
            lastTemplate = NumericTemplate.compile(pattern.toString());
            lastPattern = pattern;
        }
        return (NumericTemplate) lastTemplate;
    }
}
