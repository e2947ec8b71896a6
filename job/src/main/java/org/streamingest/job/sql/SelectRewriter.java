package org.streamingest.job.sql;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

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
        SelectTransformer transformer =
                new SelectTransformer(statement, caseSensitive, catalog, scope, navigation);
        transformer.transform(select);
        String flinkSql = FlinkSqlPrinter.print(select);
        List<String> groupBy = groupByColumns(select, caseSensitive);
        return new Statement.Query(
                statement.position(),
                statement.sql(),
                flinkSql,
                transformer.referencedTables(),
                groupBy,
                ScanQuery.of(select));
    }

    private static List<String> groupByColumns(Select select, boolean caseSensitive) {
        List<String> columns = new ArrayList<>();
        if (select instanceof PlainSelect plain && plain.getGroupBy() != null) {
            GroupByElement groupBy = plain.getGroupBy();
            for (Object each : groupBy.getGroupByExpressionList()) {
                if (each instanceof Column column) {
                    columns.add(groupByName(column.getColumnName()));
                } else {
                    columns.add(((Expression) each).toString());
                }
            }
        }
        return columns;
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
