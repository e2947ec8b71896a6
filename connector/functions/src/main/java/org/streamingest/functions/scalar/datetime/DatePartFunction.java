package org.streamingest.functions.scalar.datetime;

import org.streamingest.functions.scalar.RedshiftScalarFunction;

import org.apache.flink.table.data.StringData;

import java.time.LocalDateTime;

/** Base of the functions whose first argument is a date part (DATEADD, DATEDIFF, DATE_TRUNC). */
abstract class DatePartFunction extends RedshiftScalarFunction {

    private static final long serialVersionUID = 1L;

    private transient StringData lastName;
    private transient DatePart lastPart;

    DatePartFunction(String name) {
        super(name);
    }

    /** The date part named by the argument; parsed once while the name stays the same. */
    final DatePart part(StringData name) {
        if (!name.equals(lastName)) {
            try {
                lastPart = DatePart.of(name.toString());
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
            lastName = name;
        }
        return lastPart;
    }

    /** A date/time argument as local date-time, with an error naming this function. */
    final LocalDateTime local(Object value) {
        try {
            return DateTimes.toLocal(value);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }
}
