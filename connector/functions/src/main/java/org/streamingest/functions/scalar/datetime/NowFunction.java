package org.streamingest.functions.scalar.datetime;

import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * {@code GETDATE() -> TIMESTAMP} (whole seconds) and {@code SYSDATE() -> TIMESTAMP} (microseconds):
 * the current date and time in UTC, Redshift's default session time zone. Redshift fixes the value
 * per statement or transaction; a streaming query has neither, so the value is read per row, as
 * Flink does for CURRENT_TIMESTAMP in streaming mode.
 */
public final class NowFunction extends RedshiftScalarFunction {

    public static final String GETDATE = "GETDATE";
    public static final String SYSDATE = "SYSDATE";

    private static final long serialVersionUID = 1L;

    private final ChronoUnit precision;

    private NowFunction(String name, ChronoUnit precision) {
        super(name);
        this.precision = precision;
    }

    /** GETDATE(). */
    public static NowFunction getdate() {
        return new NowFunction(GETDATE, ChronoUnit.SECONDS);
    }

    /** SYSDATE(). */
    public static NowFunction sysdate() {
        return new NowFunction(SYSDATE, ChronoUnit.MICROS);
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SignatureStrategy.of(name(), Overload.of());
    }

    @Override
    protected TypeStrategy outputType() {
        int digits = precision == ChronoUnit.SECONDS ? 0 : 6;
        return TypeStrategies.explicit(DataTypes.TIMESTAMP(digits).notNull());
    }

    @Override
    public boolean isDeterministic() {
        return false;
    }

    public LocalDateTime eval() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(precision);
    }
}
