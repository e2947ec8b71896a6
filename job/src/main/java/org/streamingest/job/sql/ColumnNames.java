package org.streamingest.job.sql;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

import java.util.Locale;

/**
 * Redshift's names for the columns of a SELECT list that the query does not name (Redshift names
 * them as PostgreSQL does): a function call is named by its function ({@code count(*)} is {@code
 * count}), a cast by what it casts ({@code x::int} is {@code x}), {@code CASE} is {@code case},
 * anything else {@code ?column?}. Flink would name each {@code EXPR$n}. Applied as aliases before
 * the rewrite quotes them, so query headers and view columns both get these names; where two
 * columns get the same name, Flink makes the second unique ({@code count0}).
 */
final class ColumnNames {

    static final String UNNAMED = "?column?";

    private ColumnNames() {}

    /** Gives every unnamed expression of the outermost SELECT list its Redshift name. */
    static void name(Select select) {
        if (!(select instanceof PlainSelect plain) || plain.getSelectItems() == null) {
            return;
        }
        for (SelectItem<?> item : plain.getSelectItems()) {
            if (item.getAlias() != null) {
                continue;
            }
            String name = of(item.getExpression());
            if (name != null) {
                item.setAlias(new Alias("\"" + name.replace("\"", "\"\"") + "\"", true));
            }
        }
    }

    /** Redshift's name of {@code expression}, or null where Flink already names it alike. */
    static String of(Expression expression) {
        if (expression instanceof Column || expression instanceof AllColumns) {
            return null;
        }
        if (expression instanceof Function function && function.getName() != null) {
            String name = function.getName();
            return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        }
        if (expression instanceof CastExpression cast) {
            Expression inner = cast.getLeftExpression();
            if (inner instanceof Column column
                    && !column.getColumnName().startsWith(SuperNavigation.PLACEHOLDER_PREFIX)) {
                return Identifiers.fold(column.getColumnName(), true);
            }
            String name = of(inner);
            return name == null ? UNNAMED : name;
        }
        if (expression instanceof CaseExpression) {
            return "case";
        }
        return UNNAMED;
    }
}
