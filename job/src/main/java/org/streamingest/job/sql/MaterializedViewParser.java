package org.streamingest.job.sql;

import org.streamingest.warehouse.catalog.ObjectName;

/**
 * {@code CREATE MATERIALIZED VIEW [schema.]name [BACKUP YES|NO] [AUTO REFRESH YES|NO] AS select},
 * and the query of {@code ALTER MATERIALIZED VIEW name AS select}. AUTO REFRESH defaults to NO, as
 * in Redshift. BACKUP is accepted and has no effect (the Iceberg table is the backup). DISTSTYLE,
 * DISTKEY and SORTKEY are rejected: Iceberg tables have no Redshift distribution or sort keys.
 */
final class MaterializedViewParser {

    private final RedshiftSqlParser parser;

    MaterializedViewParser(RedshiftSqlParser parser) {
        this.parser = parser;
    }

    Statement.CreateMaterializedView create(SourcePosition at) {
        ObjectName name = parser.objectName();
        boolean autoRefresh = false;
        while (!parser.token().isWord("AS")) {
            SqlToken clause = parser.token();
            if (parser.accept("BACKUP")) {
                parser.yesNo();
            } else if (parser.accept("AUTO")) {
                parser.expect("REFRESH");
                autoRefresh = parser.yesNo();
            } else if (clause.isWord("DISTSTYLE")
                    || clause.isWord("DISTKEY")
                    || clause.isWord("SORTKEY")
                    || clause.isWord("COMPOUND")
                    || clause.isWord("INTERLEAVED")) {
                throw parser.error(
                        clause.text().toUpperCase(java.util.Locale.ROOT)
                                + " is not supported: materialized views are Iceberg tables"
                                + " without distribution or sort keys; remove the clause.");
            } else {
                throw parser.error(
                        "Expected BACKUP, AUTO REFRESH or AS in CREATE MATERIALIZED VIEW, found "
                                + clause.describe()
                                + ".");
            }
        }
        parser.advance();
        return new Statement.CreateMaterializedView(at, name, autoRefresh, query());
    }

    /** The SELECT after {@code AS}, which ends the statement. */
    Statement.Query query() {
        SqlToken select = parser.token();
        if (!select.isWord("SELECT") && !select.isWord("WITH") && !select.isSymbol("(")) {
            throw parser.error(
                    "Expected SELECT or WITH after AS, found " + select.describe() + ".");
        }
        ScriptStatement query =
                new ScriptStatement(
                        parser.statement().sql().substring(select.offset()), select.position());
        Statement.Query rewritten =
                SelectRewriter.rewrite(query, parser.caseSensitive(), parser.catalog());
        while (parser.token().kind() != SqlToken.Kind.END) {
            parser.advance(); // the SELECT was consumed by the rewriter
        }
        return rewritten;
    }
}
