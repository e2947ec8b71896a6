package org.streamingest.functions.scalar.datetime;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The date parts DATEADD, DATEDIFF and DATE_TRUNC take, with every name and abbreviation of
 * Redshift's "Date parts for date or timestamp functions". Redshift's centuries start with year
 * ###1, decades with year ###0, weeks on Monday.
 */
public enum DatePart {
    MILLENNIUM("millennium", "millennia", "mil", "mils"),
    CENTURY("century", "centuries", "c", "cent", "cents"),
    DECADE("decade", "decades", "dec", "decs"),
    YEAR("year", "years", "y", "yr", "yrs"),
    QUARTER("quarter", "quarters", "qtr", "qtrs"),
    MONTH("month", "months", "mon", "mons"),
    WEEK("week", "weeks", "w"),
    DAY("day", "days", "d"),
    HOUR("hour", "hours", "h", "hr", "hrs"),
    MINUTE("minute", "minutes", "m", "min", "mins"),
    SECOND("second", "seconds", "s", "sec", "secs"),
    MILLISECOND(
            "millisecond",
            "milliseconds",
            "ms",
            "msec",
            "msecs",
            "msecond",
            "mseconds",
            "millisec",
            "millisecs",
            "millisecon"),
    MICROSECOND(
            "microsecond",
            "microseconds",
            "microsec",
            "microsecs",
            "usecond",
            "useconds",
            "us",
            "usec",
            "usecs");

    private static final Map<String, DatePart> BY_NAME = new HashMap<>();

    static {
        for (DatePart part : values()) {
            for (String name : part.names) {
                BY_NAME.put(name, part);
            }
        }
    }

    private final List<String> names;

    DatePart(String... names) {
        this.names = List.of(names);
    }

    /** All names and abbreviations, the full name first. */
    public List<String> names() {
        return names;
    }

    /**
     * The date part called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException for a name Redshift does not know
     */
    public static DatePart of(String name) {
        DatePart part = BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
        if (part == null) {
            throw new IllegalArgumentException(
                    "'"
                            + name
                            + "' is not a date part; use one of year, quarter, month, week, day,"
                            + " hour, minute, second, millisecond, microsecond, decade, century,"
                            + " millennium or an abbreviation of them");
        }
        return part;
    }

    /** {@code t} moved by {@code n} of this part, as DATEADD does. */
    public LocalDateTime add(LocalDateTime t, long n) {
        return switch (this) {
            case MILLENNIUM -> addYears(t, Math.multiplyExact(n, 1000));
            case CENTURY -> addYears(t, Math.multiplyExact(n, 100));
            case DECADE -> addYears(t, Math.multiplyExact(n, 10));
            case YEAR -> addYears(t, n);
            case QUARTER -> t.plusMonths(Math.multiplyExact(n, 3));
            case MONTH -> t.plusMonths(n);
            case WEEK -> t.plusWeeks(n);
            case DAY -> t.plusDays(n);
            case HOUR -> t.plusHours(n);
            case MINUTE -> t.plusMinutes(n);
            case SECOND -> t.plusSeconds(n);
            case MILLISECOND -> t.plus(n, ChronoUnit.MILLIS);
            case MICROSECOND -> t.plus(n, ChronoUnit.MICROS);
        };
    }

    /** How many boundaries of this part lie between {@code a} and {@code b}, as DATEDIFF counts. */
    public long diff(LocalDateTime a, LocalDateTime b) {
        return switch (this) {
            case MILLENNIUM -> millennium(b.getYear()) - millennium(a.getYear());
            case CENTURY -> century(b.getYear()) - century(a.getYear());
            case DECADE -> Math.floorDiv(b.getYear(), 10) - Math.floorDiv(a.getYear(), 10);
            case YEAR -> (long) b.getYear() - a.getYear();
            case QUARTER -> quarterIndex(b) - quarterIndex(a);
            case MONTH -> monthIndex(b) - monthIndex(a);
            case WEEK -> ChronoUnit.DAYS.between(monday(a), monday(b)) / 7;
            case DAY -> ChronoUnit.DAYS.between(a.toLocalDate(), b.toLocalDate());
            default -> {
                ChronoUnit unit = unit();
                yield unit.between(a.truncatedTo(unit), b.truncatedTo(unit));
            }
        };
    }

    /** {@code t} cut down to the start of its part, as DATE_TRUNC does. */
    public LocalDateTime truncate(LocalDateTime t) {
        LocalDate date = t.toLocalDate();
        int year = t.getYear();
        return switch (this) {
            case MILLENNIUM -> yearStart(Math.floorDiv(year - 1, 1000) * 1000 + 1);
            case CENTURY -> yearStart(Math.floorDiv(year - 1, 100) * 100 + 1);
            case DECADE -> yearStart(Math.floorDiv(year, 10) * 10);
            case YEAR -> yearStart(year);
            case QUARTER ->
                    LocalDate.of(year, (t.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
            case MONTH -> date.withDayOfMonth(1).atStartOfDay();
            case WEEK -> monday(t).atStartOfDay();
            case DAY -> date.atStartOfDay();
            default -> t.truncatedTo(unit());
        };
    }

    private ChronoUnit unit() {
        return switch (this) {
            case HOUR -> ChronoUnit.HOURS;
            case MINUTE -> ChronoUnit.MINUTES;
            case SECOND -> ChronoUnit.SECONDS;
            case MILLISECOND -> ChronoUnit.MILLIS;
            case MICROSECOND -> ChronoUnit.MICROS;
            default -> throw new IllegalStateException(name() + " has no time unit");
        };
    }

    /** Years are added to the calendar fields: 2016-02-29 plus one year is 2017-03-01. */
    private static LocalDateTime addYears(LocalDateTime t, long years) {
        int year = Math.toIntExact(t.getYear() + years);
        LocalDate date = t.toLocalDate();
        LocalDate moved =
                date.getMonthValue() == 2 && date.getDayOfMonth() == 29 && !Year.isLeap(year)
                        ? LocalDate.of(year, 3, 1)
                        : date.withYear(year);
        return LocalDateTime.of(moved, t.toLocalTime());
    }

    private static LocalDateTime yearStart(int year) {
        return LocalDateTime.of(LocalDate.of(year, 1, 1), LocalTime.MIDNIGHT);
    }

    private static LocalDate monday(LocalDateTime t) {
        return t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static long millennium(int year) {
        return Math.floorDiv(year - 1, 1000) + 1;
    }

    private static long century(int year) {
        return Math.floorDiv(year - 1, 100) + 1;
    }

    private static long quarterIndex(LocalDateTime t) {
        return t.getYear() * 4L + (t.getMonthValue() - 1) / 3;
    }

    private static long monthIndex(LocalDateTime t) {
        return t.getYear() * 12L + t.getMonthValue() - 1;
    }
}
