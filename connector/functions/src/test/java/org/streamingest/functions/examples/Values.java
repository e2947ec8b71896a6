package org.streamingest.functions.examples;

import org.streamingest.functions.scalar.datetime.DateTimes;

import org.apache.flink.table.data.StringData;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** Renders a result the way Redshift prints it, as the example table writes expected values. */
public final class Values {

    private Values() {}

    public static String render(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof LocalDateTime dateTime) {
            return DateTimes.render(dateTime);
        }
        if (value instanceof Instant instant) {
            return DateTimes.render(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "+00";
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof StringData || value instanceof String) {
            return value.toString();
        }
        return String.valueOf(value);
    }
}
