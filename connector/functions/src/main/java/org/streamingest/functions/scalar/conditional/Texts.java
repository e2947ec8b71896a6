package org.streamingest.functions.scalar.conditional;

import org.streamingest.functions.scalar.datetime.DateTimes;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** How a value reads as text when Redshift converts it to VARCHAR implicitly. */
final class Texts {

    private Texts() {}

    static String render(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof LocalDateTime dateTime) {
            return DateTimes.render(dateTime);
        }
        return String.valueOf(value);
    }
}
