package org.streamingest.job.sql;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a Redshift SELECT (or WITH ... SELECT) to Flink SQL with JSqlParser: identifiers are
 * case-folded and back-quoted, unqualified tables get schema {@code public}, {@code ::} casts
 * become {@code CAST}, SUPER navigation becomes {@code SUPER_PATH} calls.
 */
public final class SelectRewriter {

    private SelectRewriter() {}

    /** The query, rewritten, with the tables it reads and its GROUP BY columns. */
    public static Statement.Query rewrite(ScriptStatement statement, boolean caseSensitive) {
        return rewrite(statement, caseSensitive, null);
    }

    /**
     * The query, rewritten for a Flink session in which the warehouse is catalog {@code catalog}:
     * every relation is {@code `catalog`.`schema`.`name`}, and an unqualified system view ({@code
     * stv_mv_info}) is the one of schema {@code pg_catalog}, as Redshift searches it first. With
     * {@code catalog} null, relations are {@code `schema`.`name`} (the view service's sessions).
     */
    public static Statement.Query rewrite(
            ScriptStatement statement, boolean caseSensitive, String catalog) {
        SuperNavigation navigation = new SuperNavigation(statement);
        net.sf.jsqlparser.statement.Statement parsed = parse(statement, navigation.masked());
        if (!(parsed instanceof Select select)) {
            throw new RedshiftSqlException(
                    statement.position(),
                    "Expected a SELECT or WITH query. " + RedshiftSqlParser.SUPPORTED);
        }
        ScopeCollector scope = new ScopeCollector(caseSensitive);
        scope.collect(select);
        ColumnNames.name(select);
        SelectTransformer transformer =
                new SelectTransformer(statement, caseSensitive, catalog, scope, navigation);
        transformer.transform(select);
        String flinkSql = FlinkSqlPrinter.print(select);
        List<String> groupBy = groupByColumns(select);
        return new Statement.Query(
                statement.position(),
                statement.sql(),
                flinkSql,
                transformer.referencedTables(),
                groupBy,
                ScanQuery.of(select));
    }

    /**
     * The view's columns its GROUP BY groups by: for each GROUP BY expression (a position is its
     * select item's by now), the result column of the select item with the same expression, named
     * as Flink names it (the alias, the column's name, or {@code EXPR$<index>}). An expression that
     * no select item has stays as written: it is no column of the view, which the view service
     * reports for a view that needs its group columns as keys.
     */
    private static List<String> groupByColumns(Select select) {
        List<String> columns = new ArrayList<>();
        if (select instanceof PlainSelect plain && plain.getGroupBy() != null) {
            List<SelectItem<?>> items = plain.getSelectItems();
            List<String> names = outputNames(items);
            for (Object each : plain.getGroupBy().getGroupByExpressionList()) {
                String text = each.toString();
                String name = null;
                for (int i = 0; i < items.size() && name == null; i++) {
                    if (items.get(i).getExpression().toString().equals(text)) {
                        name = names.get(i);
                    }
                }
                if (name == null) {
                    name =
                            each instanceof Column column
                                    ? groupByName(column.getColumnName())
                                    : text;
                }
                columns.add(name);
            }
        }
        return columns;
    }

    /**
     * The names Flink gives the result columns: each item's own name, a repeated one made unique as
     * Flink's validator does ({@code count}, {@code count0}, {@code count1}).
     */
    private static List<String> outputNames(List<SelectItem<?>> items) {
        List<String> names = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String name = outputName(items.get(i), i);
            String unique = name;
            for (int n = 0; !taken.add(unique); n++) {
                unique = name + n;
            }
            names.add(unique);
        }
        return names;
    }

    /** The name Flink gives the result column of select item {@code index}. */
    private static String outputName(SelectItem<?> item, int index) {
        if (item.getAlias() != null) {
            return groupByName(item.getAlias().getName());
        }
        if (item.getExpression() instanceof Column column
                && column.getColumnName().endsWith("`")
                && !column.getColumnName().startsWith(SelectTransformer.SUPER_PATH)) {
            return groupByName(column.getColumnName());
        }
        return "EXPR$" + index;
    }

    /** The column name of a rewritten GROUP BY column ({@code `v`.`a`} is {@code a}). */
    private static String groupByName(String rendered) {
        if (!rendered.endsWith("`") || rendered.startsWith(SelectTransformer.SUPER_PATH)) {
            return rendered;
        }
        int start = rendered.lastIndexOf("`.`");
        String last = start < 0 ? rendered.substring(1) : rendered.substring(start + 3);
        return last.substring(0, last.length() - 1).replace("``", "`");
    }

    private static net.sf.jsqlparser.statement.Statement parse(
            ScriptStatement statement, String sql) {
        try {
            return CCJSqlParserUtil.parse(sql);
        } catch (JSQLParserException e) {
            ParseException cause = parseException(e);
            Token at = cause == null ? null : cause.currentToken;
            if (at != null && at.next != null) {
                at = at.next;
            }
            SourcePosition position =
                    at == null
                            ? statement.position()
                            : statement.scriptPosition(at.beginLine, at.beginColumn);
            String near = at == null || at.image == null || at.image.isEmpty() ? "" : at.image;
            throw new RedshiftSqlException(
                    position,
                    (near.isEmpty()
                                    ? "Unexpected end of query"
                                    : "Unsupported or invalid syntax near '" + near + "'")
                            + " in SELECT. Supported: SELECT and WITH queries with joins,"
                            + " subqueries, GROUP BY, ::type casts and SUPER navigation"
                            + " (col.attr, col[0]).");
        }
    }

    private static ParseException parseException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ParseException parseException) {
                return parseException;
            }
        }
        return null;
    }
}
