package org.streamingest.job.sql;

import org.streamingest.functions.scalar.datetime.DatePart;
import org.streamingest.functions.scalar.datetime.DatePartValueFunction;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Date parts written as bare words, as Redshift's examples write them: {@code DATEADD(day, 1, ts)},
 * {@code DATEDIFF(second, a, b)}, {@code DATE_PART(hour, ts)}, {@code DATE_TRUNC(minute, ts)}.
 * JSqlParser reads the word as a column; Flink SQL (and the module's functions) take the date part
 * as a string, so the word becomes {@code 'day'}. Only an unquoted, unqualified name that is a date
 * part or one of its abbreviations is taken: anything else stays a column, and the function reports
 * a wrong date part with the list of valid ones.
 */
final class DateParts {

    /** The functions whose first argument is a date part. */
    private static final Set<String> FUNCTIONS =
            Set.of("dateadd", "datediff", "date_part", "pgdate_part", "date_trunc");

    /** Every date part name and abbreviation, lower case. */
    private static final Set<String> NAMES = names();

    private DateParts() {}

    /** Replaces a bare-word date part in the first argument of {@code function} by a string. */
    static void quote(Function function) {
        ExpressionList<?> parameters = function.getParameters();
        if (function.getName() == null
                || !FUNCTIONS.contains(function.getName().toLowerCase(Locale.ROOT))
                || parameters == null
                || parameters.isEmpty()
                || !(parameters.get(0) instanceof Column column)
                || column.getTable() != null) {
            return;
        }
        String word = column.getColumnName();
        String name = word.toLowerCase(Locale.ROOT);
        if (NAMES.contains(name)) {
            @SuppressWarnings("unchecked")
            ExpressionList<Expression> arguments = (ExpressionList<Expression>) parameters;
            arguments.set(0, new StringValue(name));
        }
    }

    private static Set<String> names() {
        Set<String> names = new HashSet<>();
        for (DatePart part : DatePart.values()) {
            names.addAll(part.names());
        }
        names.addAll(DatePartValueFunction.extraNames());
        return Set.copyOf(names);
    }
}
