package org.streamingest.functions.scalar.format;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.time.temporal.JulianFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a time stamp in a Redshift datetime format string, as {@code TO_CHAR} does ({@code
 * 'YYYY-MM-DD HH24:MI:SS'}, {@code 'FMDay, DD Mon'}). Numbers have their full width with leading
 * zeros, month and day names are padded to 9 characters; an {@code FM} prefix drops both paddings
 * for the element that follows it. The case of a name follows the element ({@code MONTH}, {@code
 * Month}, {@code month}); other elements may be written in either case. Text in double quotes is
 * copied, as is every other character that is not part of an element; {@code TH} after a number
 * adds its ordinal suffix.
 */
public final class DatetimeTemplate {

    /** The elements, longest first where one is the start of another. */
    private enum Field {
        Y_YYY("Y,YYY"),
        YYYY("YYYY"),
        YYY("YYY"),
        YY("YY"),
        Y("Y"),
        IYYY("IYYY"),
        IYY("IYY"),
        IY("IY"),
        IDDD("IDDD"),
        ID("ID"),
        IW("IW"),
        I("I"),
        HH24("HH24"),
        HH12("HH12"),
        HH("HH"),
        MI("MI"),
        SSSS("SSSS"),
        SS("SS"),
        MS("MS"),
        US("US"),
        A_M("A.M."),
        P_M("P.M."),
        AM("AM"),
        PM("PM"),
        MONTH("MONTH"),
        MON("MON"),
        MM("MM"),
        DAY("DAY"),
        DDD("DDD"),
        DD("DD"),
        DY("DY"),
        D("D"),
        WW("WW"),
        W("W"),
        CC("CC"),
        Q("Q"),
        J("J"),
        TZ("TZ"),
        OF("OF");

        final String text;

        Field(String text) {
            this.text = text;
        }
    }

    /** Output case of a name: as the element is written. */
    private enum Case {
        UPPER,
        CAPITALIZED,
        LOWER
    }

    /** An element (with its modifiers), or literal text when {@code field} is null. */
    private record Element(
            Field field, Case nameCase, boolean fillMode, String suffix, String text) {}

    private final List<Element> elements;

    private DatetimeTemplate(List<Element> elements) {
        this.elements = elements;
    }

    /**
     * Compiles a format string. As in Redshift, characters that are not part of an element are
     * copied, letters too ({@code 'YYYY-MM-DD"T"HH24'} and {@code 'YYYY-MM-DDTHH24'} are alike).
     */
    public static DatetimeTemplate compile(String pattern) {
        List<Element> elements = new ArrayList<>();
        String upper = pattern.toUpperCase(Locale.ROOT);
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '"') {
                int close = pattern.indexOf('"', i + 1);
                int stop = close < 0 ? pattern.length() : close;
                literal.append(pattern, i + 1, stop);
                i = stop + 1;
                continue;
            }
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(i + 1));
                i += 2;
                continue;
            }
            boolean fillMode = upper.startsWith("FM", i);
            int at = fillMode ? i + 2 : i;
            Field field = fieldAt(upper, at);
            if (field == null) {
                if (fillMode) {
                    i = at; // FM before something that is not an element: ignored
                    continue;
                }
                literal.append(c);
                i++;
                continue;
            }
            if (literal.length() > 0) {
                elements.add(new Element(null, null, false, "", literal.toString()));
                literal.setLength(0);
            }
            int end = at + field.text.length();
            String suffix = "";
            if (pattern.startsWith("TH", end) || pattern.startsWith("th", end)) {
                suffix = pattern.substring(end, end + 2);
                end += 2;
            }
            elements.add(new Element(field, caseOf(pattern, at), fillMode, suffix, null));
            i = end;
        }
        if (literal.length() > 0) {
            elements.add(new Element(null, null, false, "", literal.toString()));
        }
        return new DatetimeTemplate(elements);
    }

    private static Field fieldAt(String upper, int i) {
        for (Field field : Field.values()) {
            if (upper.startsWith(field.text, i)) {
                return field;
            }
        }
        return null;
    }

    private static Case caseOf(String pattern, int at) {
        char first = pattern.charAt(at);
        if (Character.isLowerCase(first)) {
            return Case.LOWER;
        }
        return at + 1 < pattern.length() && Character.isLowerCase(pattern.charAt(at + 1))
                ? Case.CAPITALIZED
                : Case.UPPER;
    }

    /** {@code time} written in this format; {@code zoned} for a TIMESTAMPTZ (TZ is UTC). */
    public String format(LocalDateTime time, boolean zoned) {
        StringBuilder out = new StringBuilder();
        for (Element element : elements) {
            if (element.field() == null) {
                out.append(element.text());
                continue;
            }
            String value = value(element, time, zoned);
            out.append(value);
            if (!element.suffix().isEmpty()) {
                String suffix = ordinal(Long.parseLong(value.trim()));
                out.append(
                        Character.isUpperCase(element.suffix().charAt(0))
                                ? suffix.toUpperCase(Locale.ROOT)
                                : suffix);
            }
        }
        return out.toString();
    }

    private static String value(Element element, LocalDateTime t, boolean zoned) {
        boolean fm = element.fillMode();
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        boolean pm = t.getHour() >= 12;
        return switch (element.field()) {
            case Y_YYY -> {
                String year = number(t.getYear(), 4, fm);
                yield year.length() > 3
                        ? year.substring(0, year.length() - 3)
                                + ","
                                + year.substring(year.length() - 3)
                        : year;
            }
            case YYYY -> number(t.getYear(), 4, fm);
            case YYY -> number(t.getYear() % 1000, 3, fm);
            case YY -> number(t.getYear() % 100, 2, fm);
            case Y -> number(t.getYear() % 10, 1, fm);
            case IYYY -> number(t.get(IsoFields.WEEK_BASED_YEAR), 4, fm);
            case IYY -> number(t.get(IsoFields.WEEK_BASED_YEAR) % 1000, 3, fm);
            case IY -> number(t.get(IsoFields.WEEK_BASED_YEAR) % 100, 2, fm);
            case I -> number(t.get(IsoFields.WEEK_BASED_YEAR) % 10, 1, fm);
            case IDDD ->
                    number(
                            (t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1) * 7L
                                    + t.getDayOfWeek().getValue(),
                            3,
                            fm);
            case ID -> number(t.getDayOfWeek().getValue(), 1, fm);
            case IW -> number(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm);
            case HH24 -> number(t.getHour(), 2, fm);
            case HH12, HH -> number(hour12, 2, fm);
            case MI -> number(t.getMinute(), 2, fm);
            case SSSS -> number(t.toLocalTime().toSecondOfDay(), 1, fm);
            case SS -> number(t.getSecond(), 2, fm);
            case MS -> number(t.getNano() / 1_000_000, 3, fm);
            case US -> number(t.getNano() / 1_000, 6, fm);
            case AM, PM -> cased(pm ? "PM" : "AM", element.nameCase());
            case A_M, P_M -> cased(pm ? "P.M." : "A.M.", element.nameCase());
            case MONTH ->
                    padded(
                            t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                            element,
                            fm);
            case MON ->
                    cased(
                            t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH),
                            element.nameCase());
            case MM -> number(t.getMonthValue(), 2, fm);
            case DAY ->
                    padded(
                            t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                            element,
                            fm);
            case DY ->
                    cased(
                            t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH),
                            element.nameCase());
            case DDD -> number(t.getDayOfYear(), 3, fm);
            case DD -> number(t.getDayOfMonth(), 2, fm);
            case D ->
                    number(
                            t.getDayOfWeek() == DayOfWeek.SUNDAY
                                    ? 1
                                    : t.getDayOfWeek().getValue() + 1,
                            1,
                            fm);
            case WW -> number((t.getDayOfYear() - 1) / 7 + 1, 2, fm);
            case W -> number((t.getDayOfMonth() - 1) / 7 + 1, 1, fm);
            case CC ->
                    number(
                            t.getYear() > 0
                                    ? (t.getYear() + 99) / 100
                                    : -((99 - t.getYear()) / 100),
                            2,
                            fm);
            case Q -> number(t.get(IsoFields.QUARTER_OF_YEAR), 1, fm);
            case J -> number(t.getLong(JulianFields.JULIAN_DAY), 1, fm);
            case TZ -> zoned ? cased("UTC", element.nameCase()) : "";
            case OF -> zoned ? "+00" : "";
        };
    }

    private static String number(long value, int width, boolean fillMode) {
        String digits = Long.toString(Math.abs(value));
        if (!fillMode && digits.length() < width) {
            digits = "0".repeat(width - digits.length()) + digits;
        }
        return value < 0 ? "-" + digits : digits;
    }

    private static String padded(String name, Element element, boolean fillMode) {
        String text = cased(name, element.nameCase());
        return fillMode || text.length() >= 9 ? text : text + " ".repeat(9 - text.length());
    }

    private static String cased(String name, Case nameCase) {
        return switch (nameCase) {
            case UPPER -> name.toUpperCase(Locale.ROOT);
            case LOWER -> name.toLowerCase(Locale.ROOT);
            case CAPITALIZED ->
                    name.substring(0, 1).toUpperCase(Locale.ROOT)
                            + name.substring(1).toLowerCase(Locale.ROOT);
        };
    }

    private static String ordinal(long n) {
        long lastTwo = Math.abs(n) % 100;
        if (lastTwo >= 11 && lastTwo <= 13) {
            return "th";
        }
        return switch ((int) (Math.abs(n) % 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
