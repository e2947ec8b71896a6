package org.streamingest.functions.scalar.datetime;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads timestamps written in a Redshift datetime format string ({@code 'YYYY-MM-DD HH24:MI:SS'}),
 * as TO_TIMESTAMP does: fields may be shorter than their pattern, separators match any
 * non-alphanumeric character, missing fields take their lowest value, MS and US digits are the
 * fraction of the second, and a value past its range rolls over ({@code 24:38:15} is the next day)
 * unless strict.
 */
public final class DateFormat {

    /** Format elements, longest first so that {@code HH24} wins over {@code HH}. */
    private enum Field {
        YYYY(4),
        YYY(3),
        YY(2),
        Y(1),
        MONTH(9),
        MON(3),
        MM(2),
        DDD(3),
        DD(2),
        HH24(2),
        HH12(2),
        HH(2),
        MI(2),
        SS(2),
        MS(3),
        US(6),
        AM(2),
        PM(2);

        final int width;

        Field(int width) {
            this.width = width;
        }
    }

    private static final String[] MONTHS = {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december"
    };

    /** A field of the format, or a literal character when {@code field} is null. */
    private record Element(Field field, char literal) {}

    private final String pattern;
    private final List<Element> elements;

    private DateFormat(String pattern, List<Element> elements) {
        this.pattern = pattern;
        this.elements = elements;
    }

    /**
     * Compiles a format string.
     *
     * @throws IllegalArgumentException for elements that are not supported
     */
    public static DateFormat compile(String pattern) {
        List<Element> elements = new ArrayList<>();
        String upper = pattern.toUpperCase(Locale.ROOT);
        int i = 0;
        while (i < upper.length()) {
            char c = upper.charAt(i);
            if (c == '"') {
                int close = upper.indexOf('"', i + 1);
                int stop = close < 0 ? upper.length() : close;
                for (int k = i + 1; k < stop; k++) {
                    elements.add(new Element(null, pattern.charAt(k)));
                }
                i = stop + 1;
                continue;
            }
            Field match = null;
            for (Field field : Field.values()) {
                if (upper.startsWith(field.name(), i)) {
                    match = field;
                    break;
                }
            }
            if (match != null) {
                elements.add(new Element(match, ' '));
                i += match.name().length();
            } else if (Character.isLetter(c)) {
                throw new IllegalArgumentException(
                        "format element at '"
                                + pattern.substring(i)
                                + "' is not supported; use YYYY, YY, MM, MON, MONTH, DD, DDD,"
                                + " HH24, HH12, HH, MI, SS, MS, US, AM or PM");
            } else {
                elements.add(new Element(null, c));
                i++;
            }
        }
        return new DateFormat(pattern, elements);
    }

    /**
     * Reads {@code text}; an empty string is {@code 0001-01-01 00:00:00}.
     *
     * @throws IllegalArgumentException if the text does not follow the format, or (strict) a field
     *     is out of range
     */
    public LocalDateTime parse(String text, boolean strict) {
        long year = 1;
        long month = 1;
        long day = 1;
        long dayOfYear = 0;
        long hour = 0;
        long minute = 0;
        long second = 0;
        long nanos = 0;
        boolean pm = false;
        boolean twelveHour = false;
        int pos = 0;
        for (Element element : elements) {
            while (pos < text.length() && text.charAt(pos) == ' ' && element.field() != null) {
                pos++;
            }
            if (pos >= text.length()) {
                break;
            }
            Field field = element.field();
            if (field == null) {
                if (!Character.isLetterOrDigit(text.charAt(pos))) {
                    pos++;
                }
                continue;
            }
            if (field == Field.MON || field == Field.MONTH) {
                int found = monthAt(text, pos, field == Field.MON);
                month = found + 1;
                pos += field == Field.MON ? 3 : MONTHS[found].length();
                continue;
            }
            if (field == Field.AM || field == Field.PM) {
                String rest = text.substring(pos).toUpperCase(Locale.ROOT).replace(".", "");
                pm = rest.startsWith("PM");
                twelveHour = true;
                pos += text.startsWith(".", pos + 1) ? 4 : 2;
                continue;
            }
            int start = pos;
            while (pos < text.length()
                    && pos - start < field.width
                    && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException(
                        "'" + text + "' does not match format '" + pattern + "' at " + field);
            }
            long value = Long.parseLong(text.substring(start, pos));
            switch (field) {
                case YYYY, YYY, Y -> year = value;
                case YY -> year = value < 70 ? 2000 + value : 1900 + value;
                case MM -> month = value;
                case DD -> day = value;
                case DDD -> dayOfYear = value;
                case HH24 -> hour = value;
                case HH12, HH -> {
                    hour = value;
                    twelveHour = true;
                }
                case MI -> minute = value;
                case SS -> second = value;
                case MS, US -> nanos = fraction(value, pos - start);
                default -> throw new IllegalStateException(field.name());
            }
        }
        if (twelveHour) {
            hour = hour % 12 + (pm ? 12 : 0);
        }
        if (strict) {
            checkRanges(month, day, hour, minute, second, text);
        }
        LocalDate date =
                LocalDate.of((int) year, 1, 1)
                        .plusMonths(month - 1)
                        .plusDays(dayOfYear > 0 ? dayOfYear - 1 : day - 1);
        return date.atStartOfDay()
                .plusHours(hour)
                .plusMinutes(minute)
                .plusSeconds(second)
                .plusNanos(nanos);
    }

    /**
     * MS and US digits are the seconds' fraction, as in PostgreSQL: {@code SS.MS} of {@code 12.3}
     * is 12.3 seconds, not 12 seconds and 3 milliseconds.
     */
    private static long fraction(long digits, int count) {
        long nanos = digits;
        for (int i = count; i < 9; i++) {
            nanos *= 10;
        }
        return nanos;
    }

    private static void checkRanges(
            long month, long day, long hour, long minute, long second, String text) {
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw new IllegalArgumentException(
                    "date/time field date value out of range: '" + text + "'");
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw new IllegalArgumentException(
                    String.format(
                            "date/time field time value out of range: %02d:%02d:%02d",
                            hour, minute, second));
        }
    }

    private static int monthAt(String text, int pos, boolean abbreviated) {
        String rest = text.substring(pos).toLowerCase(Locale.ROOT);
        for (int m = 0; m < MONTHS.length; m++) {
            String name = abbreviated ? MONTHS[m].substring(0, 3) : MONTHS[m];
            if (rest.startsWith(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + text + "' has no month name at position " + pos);
    }
}
