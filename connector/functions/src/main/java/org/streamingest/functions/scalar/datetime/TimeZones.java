package org.streamingest.functions.scalar.datetime;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time zone specifications as CONVERT_TIMEZONE reads them: a name ({@code America/New_York},
 * seasonal), an abbreviation ({@code PST}, a fixed offset all year) or a POSIX-style offset ({@code
 * GMT+2}, {@code NEWZONE -2:15}, {@code PST8}: positive is west of Greenwich).
 */
public final class TimeZones {

    /** A name (possibly empty) followed by a signed offset in hours and optional minutes. */
    private static final Pattern POSIX_SIGNED =
            Pattern.compile("([A-Za-z_/]*)\\s*([+-])(\\d{1,2})(?::(\\d{2}))?");

    /** An abbreviation directly followed by an unsigned offset west, like {@code PST8}. */
    private static final Pattern POSIX_UNSIGNED = Pattern.compile("([A-Za-z]{3,})(\\d{1,2})");

    /** Common abbreviations with their fixed offsets from UTC, in hours. */
    private static final Map<String, ZoneOffset> ABBREVIATIONS =
            new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        abbreviation(0, "UTC", "GMT", "UT", "Z", "ZULU", "WET");
        abbreviation(1, "CET", "WEST", "BST", "MET");
        abbreviation(2, "CEST", "EET", "MEST", "SAST");
        abbreviation(3, "EEST", "MSK");
        abbreviation(-3, "BRT", "ART");
        abbreviation(-4, "EDT", "AST");
        abbreviation(-5, "EST", "CDT");
        abbreviation(-6, "CST", "MDT");
        abbreviation(-7, "MST", "PDT");
        abbreviation(-8, "PST", "AKDT");
        abbreviation(-9, "AKST", "HDT");
        abbreviation(-10, "HST");
        abbreviation(8, "AWST", "SGT", "HKT", "PHT");
        abbreviation(9, "JST", "KST", "AWDT");
        abbreviation(10, "AEST");
        abbreviation(11, "AEDT");
        abbreviation(12, "NZST");
        abbreviation(13, "NZDT");
        ABBREVIATIONS.put("IST", ZoneOffset.ofHoursMinutes(5, 30));
        ABBREVIATIONS.put("NST", ZoneOffset.ofHoursMinutes(-3, -30));
        ABBREVIATIONS.put("ACST", ZoneOffset.ofHoursMinutes(9, 30));
    }

    private TimeZones() {}

    /**
     * The zone a specification names.
     *
     * @throws IllegalArgumentException if it names none
     */
    public static ZoneId resolve(String specification) {
        String spec = specification.trim();
        Matcher signed = POSIX_SIGNED.matcher(spec);
        if (signed.matches()) {
            int hours = Integer.parseInt(signed.group(3));
            int minutes = signed.group(4) == null ? 0 : Integer.parseInt(signed.group(4));
            int west = signed.group(2).equals("+") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(west * hours, west * minutes);
        }
        ZoneOffset abbreviation = ABBREVIATIONS.get(spec);
        if (abbreviation != null) {
            return abbreviation;
        }
        try {
            return ZoneId.of(spec);
        } catch (DateTimeException e) {
            // try the forms below
        }
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(spec)) {
                return ZoneId.of(id);
            }
        }
        Matcher unsigned = POSIX_UNSIGNED.matcher(spec);
        if (unsigned.matches()) {
            return ZoneOffset.ofHours(-Integer.parseInt(unsigned.group(2)));
        }
        throw new IllegalArgumentException(
                "'"
                        + specification
                        + "' is not a time zone; use a name like 'America/New_York', an"
                        + " abbreviation like 'PST' or an offset like 'UTC+3'");
    }

    private static void abbreviation(int hours, String... names) {
        for (String name : names) {
            ABBREVIATIONS.put(name.toUpperCase(Locale.ROOT), ZoneOffset.ofHours(hours));
        }
    }
}
