package org.streamingest.job.sql;

import org.streamingest.warehouse.view.ScanStates;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * What the view service needs to count the records a view's WHERE skips (Redshift's {@code
 * skipped_rows}): every record of the one table the query reads, with column {@code `$skipped`} 1
 * where the query's WHERE is not true (false or NULL, as a WHERE treats it) and 0 where it is. Only
 * for a plain {@code SELECT ... FROM table [alias] [WHERE ...] [GROUP BY ...]} whose WHERE reads no
 * other relation; for any other shape which records a query skips is not a property of one record,
 * and there is none.
 */
final class ScanQuery {

    private ScanQuery() {}

    /** The scan query of {@code select}, already rewritten to Flink SQL, or {@code null}. */
    static String of(Select select) {
        if (!(select instanceof PlainSelect plain)
                || plain.getWithItemsList() != null && !plain.getWithItemsList().isEmpty()
                || !(plain.getFromItem() instanceof Table table)
                || plain.getJoins() != null && !plain.getJoins().isEmpty()) {
            return null;
        }
        Expression where = plain.getWhere();
        if (where != null && !new TablesNamesFinder<>().getTables(where).isEmpty()) {
            return null;
        }
        Expression skipped =
                where == null
                        ? new LongValue(0)
                        : new CaseExpression()
                                .withWhenClauses(new WhenClause(where, new LongValue(0)))
                                .withElseExpression(new LongValue(1));
        PlainSelect scan = new PlainSelect();
        scan.addSelectItems(new AllColumns());
        scan.addSelectItem(skipped, new Alias(ScanStates.SKIPPED, true));
        scan.setFromItem(table);
        return FlinkSqlPrinter.print(scan);
    }
}
