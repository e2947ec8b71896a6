package org.streamingest.functions.scalar.datetime;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code DATE_PART(datepart, timestamp) -> DOUBLE PRECISION} and its synonym {@code PGDATE_PART}:
 * the value of one date part. Weeks are ISO 8601 week numbers, the day of week counts 0 to 6 from
 * Sunday, centuries and millennia start with year ###1, decades are the year divided by 10. Seconds
 * keep their fraction, and milliseconds and microseconds count the whole seconds too ({@code
 * 03.189717} is 3.189717 seconds, 3189.717 milliseconds), as Redshift's DATE_PART returns the
 * complete seconds part whatever the date part. {@code epoch} gives seconds since 1970-01-01 UTC.
 */
public final class DatePartValueFunction extends DatePartFunction {

    private static final long serialVersionUID = 1L;

    private static final Set<String> DAY_OF_WEEK = Set.of("dayofweek", "dow", "dw", "weekday");
    private static final Set<String> DAY_OF_YEAR = Set.of("dayofyear", "doy", "dy", "yearday");
    private static final String EPOCH = "epoch";

    private DatePartValueFunction(String name) {
        super(name);
    }

    public static DatePartValueFunction datePart() {
        return new DatePartValueFunction("DATE_PART");
    }

    public static DatePartValueFunction pgdatePart() {
        return new DatePartValueFunction("PGDATE_PART");
    }

    @Override
    protected InputTypeStrategy inputTypes() {
        return SignatureStrategy.of(
                        name(), Overload.of(Arg.varchar("datepart"), Arg.datetime("timestamp")))
                .checkingLiteral(0, DatePartValueFunction::check);
    }

    @Override
    protected TypeStrategy outputType() {
        return TypeStrategies.explicit(DataTypes.DOUBLE());
    }

    public Double eval(StringData datepart, Object timestamp) {
        if (datepart == null || timestamp == null) {
            return null;
        }
        LocalDateTime t = local(timestamp);
        String name = datepart.toString().trim().toLowerCase(Locale.ROOT);
        if (DAY_OF_WEEK.contains(name)) {
            return (double) (t.getDayOfWeek().getValue() % 7);
        }
        if (DAY_OF_YEAR.contains(name)) {
            return (double) t.getDayOfYear();
        }
        if (name.equals(EPOCH)) {
            return t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
        }
        double seconds = t.getSecond() + t.getNano() / 1e9;
        int year = t.getYear();
        return switch (part(datepart)) {
            case MILLENNIUM -> (double) (Math.floorDiv(year - 1, 1000) + 1);
            case CENTURY -> (double) (Math.floorDiv(year - 1, 100) + 1);
            case DECADE -> (double) Math.floorDiv(year, 10);
            case YEAR -> (double) year;
            case QUARTER -> (double) ((t.getMonthValue() - 1) / 3 + 1);
            case MONTH -> (double) t.getMonthValue();
            case WEEK -> (double) t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case DAY -> (double) t.getDayOfMonth();
            case HOUR -> (double) t.getHour();
            case MINUTE -> (double) t.getMinute();
            case SECOND -> seconds;
            case MILLISECOND -> (t.getSecond() * 1_000_000_000L + t.getNano()) / 1e6;
            case MICROSECOND -> (double) ((t.getSecond() * 1_000_000_000L + t.getNano()) / 1000);
        };
    }

    private static void check(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (!DAY_OF_WEEK.contains(lower) && !DAY_OF_YEAR.contains(lower) && !lower.equals(EPOCH)) {
            DatePart.of(name);
        }
    }

    /** The extra date parts DATE_PART takes beyond those of DATEADD and DATEDIFF. */
    public static Set<String> extraNames() {
        Set<String> names = new HashSet<>(DAY_OF_WEEK);
        names.addAll(DAY_OF_YEAR);
        names.add(EPOCH);
        return Set.copyOf(names);
    }
}
