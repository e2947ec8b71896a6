package org.streamingest.functions.scalar.datetime;

import org.apache.flink.table.data.StringData;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conversions between the date/time arguments Redshift functions take: DATE, TIMESTAMP, TIMESTAMPTZ
 * (Flink's TIMESTAMP_LTZ, read in UTC, Redshift's default session time zone) and strings that
 * Redshift converts implicitly.
 */
public final class DateTimes {

    private static final Pattern DASHED =
            Pattern.compile(
                    "(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})"
                            + "(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?");
    private static final Pattern COMPACT =
            Pattern.compile(
                    "(\\d{4})(\\d{2})(\\d{2})"
                            + "(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?");

    private DateTimes() {}

    /** A DATE, TIMESTAMP, TIMESTAMP_LTZ (in UTC) or string argument as a local date-time. */
    public static LocalDateTime toLocal(Object value) {
        if (value instanceof LocalDateTime dateTime) {
            return dateTime;
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof StringData || value instanceof String) {
            return parse(value.toString());
        }
        throw new IllegalArgumentException("not a date or timestamp: " + value);
    }

    /**
     * Parses a timestamp string: {@code 2008-02-28}, {@code 2008-02-28 04:05:06.789}, {@code
     * 20080228 04:05:06}, with {@code -} or {@code /} between date fields and a space or {@code T}
     * before the time.
     *
     * @throws IllegalArgumentException if the string is none of these
     */
    public static LocalDateTime parse(String text) {
        String trimmed = text.trim();
        Matcher m = DASHED.matcher(trimmed);
        if (!m.matches()) {
            m = COMPACT.matcher(trimmed);
        }
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a timestamp; write it as 'YYYY-MM-DD HH24:MI:SS[.US]'");
        }
        int nanos = 0;
        if (m.group(7) != null) {
            nanos = Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
        }
        try {
            return LocalDateTime.of(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                    nanos);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a valid timestamp: " + e.getMessage());
        }
    }

    /** Redshift's display of a timestamp: {@code 2008-12-04 16:10:43[.976353]}. */
    public static String render(LocalDateTime t) {
        StringBuilder text =
                new StringBuilder(
                        String.format(
                                "%04d-%02d-%02d %02d:%02d:%02d",
                                t.getYear(),
                                t.getMonthValue(),
                                t.getDayOfMonth(),
                                t.getHour(),
                                t.getMinute(),
                                t.getSecond()));
        if (t.getNano() != 0) {
            String fraction = String.format("%09d", t.getNano()).replaceAll("0+$", "");
            text.append('.').append(fraction);
        }
        return text.toString();
    }
}
