package org.streamingest.job.sql;

import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.view.ScanStates;
import org.streamingest.warehouse.view.SystemViewRows;
import org.streamingest.warehouse.view.SystemViews;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitor;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SelectVisitor;
import net.sf.jsqlparser.statement.select.Top;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Rewrites a parsed query in place so that it prints as Flink SQL: folded, back-quoted names;
 * {@code public} for unqualified tables; CAST for {@code ::}; SUPER_PATH for navigation.
 */
final class SelectTransformer extends TablesNamesFinder<Void> {

    /** Redshift's system views, which an unqualified name finds before schema public. */
    private static final Set<String> SYSTEM_VIEWS =
            Set.of(
                    SystemViewRows.STV_MV_INFO,
                    SystemViewRows.SYS_MV_REFRESH_HISTORY,
                    ScanStates.SYS_STREAM_SCAN_STATES);

    /** The Redshift-module function that navigates SUPER (JSON text) values. */
    static final String SUPER_PATH = "SUPER_PATH";

    private final ScriptStatement statement;
    private final boolean caseSensitive;
    private final String catalog;
    private final ScopeCollector scope;
    private final SuperNavigation navigation;
    private final List<ObjectName> referencedTables = new ArrayList<>();
    private final Set<Object> done = Collections.newSetFromMap(new IdentityHashMap<>());

    SelectTransformer(
            ScriptStatement statement,
            boolean caseSensitive,
            String catalog,
            ScopeCollector scope,
            SuperNavigation navigation) {
        this.statement = statement;
        this.caseSensitive = caseSensitive;
        this.catalog = catalog;
        this.scope = scope;
        this.navigation = navigation;
        init(true);
    }

    void transform(Select select) {
        select.accept((SelectVisitor<Void>) this, null);
    }

    List<ObjectName> referencedTables() {
        return List.copyOf(referencedTables);
    }

    @Override
    public <S> Void visit(Table table, S context) {
        if (!done.add(table)) {
            return null;
        }
        String name = fold(table.getName());
        if (table.getDatabaseName() != null) {
            throw new RedshiftSqlException(
                    statement.position(),
                    "Table name "
                            + table.getFullyQualifiedName()
                            + " has too many parts: use schema.table or table.");
        }
        if (table.getSchemaName() == null && scope.isWithName(name)) {
            table.setName(Identifiers.flink(name));
        } else {
            String schema =
                    table.getSchemaName() == null
                            ? defaultSchema(name)
                            : fold(table.getSchemaName());
            ObjectName objectName = new ObjectName(schema, name);
            if (!referencedTables.contains(objectName)) {
                referencedTables.add(objectName);
            }
            if (catalog != null) {
                table.setDatabaseName(Identifiers.flink(catalog));
            }
            table.setSchemaName(Identifiers.flink(schema));
            table.setName(Identifiers.flink(name));
        }
        quoteAlias(table.getAlias());
        return null;
    }

    /**
     * The schema of an unqualified relation: {@code public}, except for a system view in a catalog
     * (in the view service's sessions, {@code public.stv_mv_info} is registered as one).
     */
    private String defaultSchema(String name) {
        return catalog != null && SYSTEM_VIEWS.contains(name)
                ? SystemViews.PG_CATALOG
                : ObjectName.DEFAULT_SCHEMA;
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
        quoteAlias(select.getAlias());
        return super.visit(select, context);
    }

    @Override
    public <S> Void visit(WithItem<?> withItem, S context) {
        quoteAlias(withItem.getAlias());
        return super.visit(withItem, context);
    }

    @Override
    public <S> Void visit(SelectItem<?> item, S context) {
        quoteAlias(item.getAlias());
        item.getExpression().accept((ExpressionVisitor<Void>) this, context);
        return null;
    }

    @Override
    public <S> Void visit(CastExpression cast, S context) {
        super.visit(cast, context);
        ColDataType type = cast.getColDataType();
        String redshiftType = type.getDataType();
        if (redshiftType.equalsIgnoreCase("super")) {
            throw new RedshiftSqlException(
                    castPosition(redshiftType),
                    "Casting to SUPER is not supported: use JSON_PARSE(text) to make a SUPER"
                            + " value.");
        }
        String flinkType = FlinkTypes.of(redshiftType);
        if (flinkType == null) {
            throw new RedshiftSqlException(
                    castPosition(redshiftType),
                    "Unsupported type "
                            + type
                            + " in a cast. Supported: SMALLINT, INTEGER, BIGINT, DECIMAL(p,s),"
                            + " REAL, DOUBLE PRECISION, BOOLEAN, CHAR(n), VARCHAR(n), TEXT, DATE,"
                            + " TIMESTAMP, TIMESTAMPTZ, VARBYTE.");
        }
        cast.setColDataType(new ColDataType(flinkType));
        cast.keyword = "CAST";
        cast.setUseCastKeyword(true);
        return null;
    }

    @Override
    public <S> Void visit(Function function, S context) {
        DateParts.quote(function);
        return super.visit(function, context);
    }

    @Override
    public <S> Void visit(AllTableColumns columns, S context) {
        Table table = columns.getTable();
        if (done.add(table)) {
            List<SuperNavigation.Step> steps = SuperNavigation.split(table.getFullyQualifiedName());
            StringBuilder name = new StringBuilder();
            for (SuperNavigation.Step step : steps) {
                name.append(name.length() == 0 ? "" : ".")
                        .append(Identifiers.flink(fold(step.name())));
            }
            table.setSchemaName(null);
            table.setName(name.toString());
        }
        return null;
    }

    @Override
    public <S> Void visit(PlainSelect select, S context) {
        resolveGroupByPositions(select);
        Top top = select.getTop();
        if (top != null) {
            if (top.isPercentage() || top.isWithTies()) {
                throw new RedshiftSqlException(
                        statement.position(),
                        "TOP n PERCENT and TOP n WITH TIES are not supported: use TOP n or LIMIT"
                                + " n.");
            }
            select.setTop(null);
            select.setLimit(new Limit().withRowCount(top.getExpression()));
        }
        super.visit(select, context);
        if (select.getGroupBy() != null) {
            for (Object each : select.getGroupBy().getGroupByExpressionList()) {
                ((Expression) each).accept((ExpressionVisitor<Void>) this, context);
            }
        }
        if (select.getHaving() != null) {
            select.getHaving().accept((ExpressionVisitor<Void>) this, context);
        }
        if (select.getOrderByElements() != null) {
            for (OrderByElement order : select.getOrderByElements()) {
                order.getExpression().accept((ExpressionVisitor<Void>) this, context);
            }
        }
        return null;
    }

    /**
     * {@code GROUP BY 1, 2}, as Redshift allows and Flink does not: each position becomes a copy of
     * the expression of that select item (before the items are rewritten, so that the copy is
     * rewritten the same way).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void resolveGroupByPositions(PlainSelect select) {
        if (select.getGroupBy() == null) {
            return;
        }
        List groupBy = select.getGroupBy().getGroupByExpressionList();
        for (int i = 0; i < groupBy.size(); i++) {
            if (groupBy.get(i) instanceof LongValue position) {
                groupBy.set(i, selectItemAt(select, position.getValue()));
            }
        }
    }

    private Expression selectItemAt(PlainSelect select, long position) {
        List<SelectItem<?>> items = select.getSelectItems();
        if (position < 1 || position > items.size()) {
            throw new RedshiftSqlException(
                    statement.position(),
                    "GROUP BY position "
                            + position
                            + " is not in the select list, which has "
                            + items.size()
                            + " columns: use a position from 1 to "
                            + items.size()
                            + ".");
        }
        Expression item = items.get((int) position - 1).getExpression();
        if (item instanceof AllColumns) {
            throw new RedshiftSqlException(
                    statement.position(),
                    "GROUP BY position "
                            + position
                            + " refers to "
                            + item
                            + ": name the columns in the select list, or group by them.");
        }
        try {
            return CCJSqlParserUtil.parseExpression(item.toString());
        } catch (JSQLParserException e) {
            throw new IllegalStateException("Cannot copy the select item " + item, e);
        }
    }

    @Override
    public <S> Void visit(Column column, S context) {
        if (!done.add(column)) {
            return null;
        }
        List<SuperNavigation.Step> steps = navigation.chain(column.getColumnName());
        if (steps == null) {
            steps = SuperNavigation.split(column.getFullyQualifiedName());
        }
        if (steps.size() == 1 && steps.get(0).name().equalsIgnoreCase("sysdate")) {
            column.setColumnName("SYSDATE()"); // Redshift writes SYSDATE without parentheses
            return null;
        }
        int qualifiers = qualifierCount(steps);
        StringBuilder rendered = new StringBuilder();
        for (int i = 0; i <= qualifiers; i++) {
            if (i > 0) {
                rendered.append('.');
            }
            rendered.append(Identifiers.flink(fold(steps.get(i).name())));
        }
        if (steps.size() > qualifiers + 1) {
            rendered.insert(0, SUPER_PATH + "(")
                    .append(", ")
                    .append(pathLiteral(steps.subList(qualifiers + 1, steps.size())))
                    .append(')');
        }
        column.setTable(null);
        column.setColumnName(rendered.toString());
        return null;
    }

    /** How many leading steps name a table (0, 1 for alias or table, 2 for schema.table). */
    private int qualifierCount(List<SuperNavigation.Step> steps) {
        if (steps.get(0).isIndex()) {
            return 0;
        }
        if (steps.size() >= 3
                && !steps.get(1).isIndex()
                && !steps.get(2).isIndex()
                && scope.isQualifier(fold(steps.get(0).name()) + "." + fold(steps.get(1).name()))) {
            return 2;
        }
        if (steps.size() >= 2
                && !steps.get(1).isIndex()
                && scope.isQualifier(fold(steps.get(0).name()))) {
            return 1;
        }
        return 0;
    }

    /**
     * A SUPER_PATH path: {@code ."name"} per attribute ({@code "} doubled), {@code [n]} per index.
     */
    private String pathLiteral(List<SuperNavigation.Step> steps) {
        StringBuilder path = new StringBuilder();
        for (SuperNavigation.Step step : steps) {
            if (step.isIndex()) {
                path.append('[').append(step.index()).append(']');
            } else {
                path.append(".\"").append(fold(step.name()).replace("\"", "\"\"")).append('"');
            }
        }
        return "'" + path.toString().replace("'", "''") + "'";
    }

    /** Where the first cast to this type ({@code ::type} or {@code AS type}) is written. */
    private SourcePosition castPosition(String type) {
        String word = type.trim().split("[\\s(]", 2)[0];
        SqlLexer lexer = new SqlLexer(statement);
        SqlToken previous = null;
        for (SqlToken t = lexer.next(); t.kind() != SqlToken.Kind.END; t = lexer.next()) {
            if (t.isWord(word)
                    && previous != null
                    && (previous.isSymbol(":") || previous.isWord("AS"))) {
                return t.position();
            }
            previous = t;
        }
        return statement.position();
    }

    private void quoteAlias(Alias alias) {
        if (alias != null && done.add(alias)) {
            alias.setName(Identifiers.flink(fold(alias.getName())));
        }
    }

    private String fold(String written) {
        return Identifiers.fold(written, caseSensitive);
    }
}
