package org.streamingest.job.sql;

import org.streamingest.warehouse.catalog.ObjectName;

import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.HashSet;
import java.util.Set;

/**
 * The names a column may be qualified with in a query: FROM aliases, table names (also as {@code
 * schema.table}) and subquery aliases; plus the names of WITH items. One scope for the whole query:
 * a name qualifies columns wherever it is in scope in any of the query's SELECTs.
 */
final class ScopeCollector extends TablesNamesFinder<Void> {

    private final boolean caseSensitive;
    private final Set<String> qualifiers = new HashSet<>();
    private final Set<String> withNames = new HashSet<>();

    ScopeCollector(boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
        init(true);
    }

    void collect(Select select) {
        select.accept((net.sf.jsqlparser.statement.select.SelectVisitor<Void>) this, null);
    }

    boolean isQualifier(String foldedName) {
        return qualifiers.contains(foldedName);
    }

    boolean isWithName(String foldedName) {
        return withNames.contains(foldedName);
    }

    @Override
    public <S> Void visit(Table table, S context) {
        String name = fold(table.getName());
        if (table.getAlias() != null) {
            qualifiers.add(fold(table.getAlias().getName()));
        } else {
            qualifiers.add(name);
            String schema =
                    table.getSchemaName() == null
                            ? ObjectName.DEFAULT_SCHEMA
                            : fold(table.getSchemaName());
            qualifiers.add(schema + "." + name);
        }
        return super.visit(table, context);
    }

    /** Column qualifiers are uses, not declarations: they do not add to the scope. */
    @Override
    public <S> Void visit(Column column, S context) {
        return null;
    }

    @Override
    public <S> Void visit(AllTableColumns columns, S context) {
        return null;
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
        if (select.getAlias() != null) {
            qualifiers.add(fold(select.getAlias().getName()));
        }
        return super.visit(select, context);
    }

    @Override
    public <S> Void visit(WithItem<?> withItem, S context) {
        withNames.add(fold(withItem.getAlias().getName()));
        return super.visit(withItem, context);
    }

    private String fold(String written) {
        return Identifiers.fold(written, caseSensitive);
    }
}
