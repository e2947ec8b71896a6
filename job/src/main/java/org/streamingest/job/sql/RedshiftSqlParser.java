package org.streamingest.job.sql;

import org.streamingest.warehouse.catalog.ObjectName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the Redshift statements of one session into {@link Statement}s: the streaming-ingestion
 * DDL by recursive descent over {@link SqlLexer} tokens, SELECT and WITH by {@link SelectRewriter}.
 * Stateful: {@code SET enable_case_sensitive_identifier} changes how later statements fold names.
 */
public final class RedshiftSqlParser {

    public static final String CASE_SENSITIVE_IDENTIFIER = "enable_case_sensitive_identifier";

    static final String SUPPORTED =
            "Supported statements: CREATE EXTERNAL SCHEMA ... FROM KINESIS, DROP SCHEMA,"
                    + " CREATE / ALTER / DROP / REFRESH MATERIALIZED VIEW, SET, SELECT and WITH.";

    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

    private final String catalog;
    private boolean caseSensitive;
    private SqlLexer lexer;
    private ScriptStatement statement;
    private SqlToken token;

    /** A parser for the view service: queries name relations {@code `schema`.`name`}. */
    public RedshiftSqlParser() {
        this(null);
    }

    /**
     * A parser for a Flink session in which the warehouse is catalog {@code catalog}: queries name
     * relations {@code `catalog`.`schema`.`name`} ({@link SelectRewriter#rewrite(ScriptStatement,
     * boolean, String)}).
     */
    public RedshiftSqlParser(String catalog) {
        this.catalog = catalog;
    }

    /** Whether quoted identifiers keep their case ({@code enable_case_sensitive_identifier}). */
    public boolean caseSensitiveIdentifiers() {
        return caseSensitive;
    }

    /**
     * Sets {@code enable_case_sensitive_identifier}, for a session whose earlier SET another parser
     * read.
     */
    public RedshiftSqlParser caseSensitiveIdentifiers(boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
        return this;
    }

    /** Parses one statement written without position, such as one a Flink SQL client sent. */
    public Statement parse(String statement) {
        return parse(new ScriptStatement(statement, new SourcePosition(1, 1)));
    }

    /** Which SQL a statement is written in, as far as its first words tell. */
    public enum Dialect {
        /** A statement only Redshift has: this parser's errors are the answer. */
        REDSHIFT,
        /** SELECT, WITH or SET, which Flink SQL has too. */
        EITHER,
        /** Anything else: not for this parser. */
        OTHER
    }

    /**
     * The dialect of {@code statement}: {@link Dialect#REDSHIFT} for {@code CREATE EXTERNAL
     * SCHEMA}, {@code CREATE | ALTER | DROP | REFRESH MATERIALIZED VIEW} and {@code DROP SCHEMA}
     * (Flink SQL has none of them), {@link Dialect#EITHER} for queries and {@code SET} unless they
     * quote a name with back quotes, as only Flink SQL does.
     */
    public static Dialect dialectOf(ScriptStatement statement) {
        SqlLexer lexer = new SqlLexer(statement);
        SqlToken first = lexer.next();
        if (first.isWord("SELECT")
                || first.isWord("WITH")
                || first.isSymbol("(")
                || first.isWord("SET")) {
            for (SqlToken t = first; t.kind() != SqlToken.Kind.END; t = lexer.next()) {
                if (t.isSymbol("`")) {
                    return Dialect.OTHER; // Flink's quoted identifier: Redshift has none
                }
            }
            return Dialect.EITHER;
        }
        if (first.isWord("REFRESH")) {
            return Dialect.REDSHIFT;
        }
        SqlToken second = lexer.next();
        SqlToken third = lexer.next();
        boolean materializedView = second.isWord("MATERIALIZED") && third.isWord("VIEW");
        if ((first.isWord("CREATE") && (second.isWord("EXTERNAL") || materializedView))
                || (first.isWord("ALTER") && materializedView)
                || (first.isWord("DROP") && (materializedView || second.isWord("SCHEMA")))) {
            return Dialect.REDSHIFT;
        }
        return Dialect.OTHER;
    }

    /** Splits and parses a script; SET statements take effect for the statements after them. */
    public List<Statement> parseScript(String script) {
        List<Statement> statements = new ArrayList<>();
        for (ScriptStatement each : StatementSplitter.split(script)) {
            statements.add(parse(each));
        }
        return statements;
    }

    /** Parses one statement of a script. */
    public Statement parse(ScriptStatement statement) {
        this.statement = statement;
        this.lexer = new SqlLexer(statement);
        this.token = lexer.next();
        SourcePosition at = statement.position();
        if (token.isWord("SELECT") || token.isWord("WITH") || token.isSymbol("(")) {
            return SelectRewriter.rewrite(statement, caseSensitive, catalog);
        }
        Statement parsed;
        if (accept("CREATE")) {
            if (accept("EXTERNAL")) {
                parsed = createExternalSchema(at);
            } else {
                expectMaterializedView("CREATE");
                parsed = new MaterializedViewParser(this).create(at);
            }
        } else if (accept("DROP")) {
            parsed = drop(at);
        } else if (accept("ALTER")) {
            expectMaterializedView("ALTER");
            ObjectName name = objectName();
            if (accept("AS")) {
                parsed =
                        new Statement.AlterMaterializedViewQuery(
                                at, name, new MaterializedViewParser(this).query());
            } else if (accept("AUTO")) {
                expect("REFRESH");
                parsed = new Statement.AlterMaterializedViewAutoRefresh(at, name, yesNo());
            } else {
                throw error(
                        "Expected AUTO REFRESH YES|NO or AS SELECT ... after ALTER MATERIALIZED"
                                + " VIEW "
                                + name
                                + ", found "
                                + token.describe()
                                + ".");
            }
        } else if (accept("REFRESH")) {
            expectMaterializedView("REFRESH");
            parsed = new Statement.RefreshMaterializedView(at, objectName(), cascadeOrRestrict());
        } else if (accept("SET")) {
            parsed = set(at);
        } else {
            throw error(
                    "Unsupported statement starting with " + token.describe() + ". " + SUPPORTED);
        }
        if (token.kind() != SqlToken.Kind.END) {
            throw error("Unexpected " + token.describe() + " at the end of the statement.");
        }
        return parsed;
    }

    private Statement createExternalSchema(SourcePosition at) {
        expect("SCHEMA");
        boolean ifNotExists = accept("IF");
        if (ifNotExists) {
            expect("NOT");
            expect("EXISTS");
        }
        String schema = identifier("schema name");
        expect("FROM");
        if (!token.isWord("KINESIS")) {
            throw error(
                    "Unsupported external schema source "
                            + token.describe()
                            + ": only FROM KINESIS is supported.");
        }
        advance();
        String region = null;
        if (accept("REGION")) {
            accept("AS");
            region = string("region, for example 'us-west-2'");
        }
        expect("IAM_ROLE");
        String role;
        if (accept("DEFAULT")) {
            role = "default";
        } else {
            SqlToken arn = token;
            role = string("IAM_ROLE default or 'arn:aws:iam::<account-id>:role/<role-name>'");
            if (!ROLE_ARN.matcher(role).matches()) {
                throw new RedshiftSqlException(
                        arn.position(),
                        "IAM_ROLE must be default or a role ARN like"
                                + " 'arn:aws:iam::123456789012:role/name'.");
            }
        }
        if (token.isSymbol(",")) {
            throw error("Chained IAM roles are not supported: give one IAM_ROLE.");
        }
        return new Statement.CreateExternalSchema(at, schema, ifNotExists, region, role);
    }

    private Statement drop(SourcePosition at) {
        if (accept("SCHEMA")) {
            boolean ifExists = ifExists();
            String schema = identifier("schema name");
            return new Statement.DropSchema(at, schema, ifExists, cascadeOrRestrict());
        }
        expectMaterializedView("DROP");
        boolean ifExists = ifExists();
        return new Statement.DropMaterializedView(at, objectName(), ifExists, cascadeOrRestrict());
    }

    /** An optional {@code CASCADE} (true) or {@code RESTRICT} (false, the default). */
    private boolean cascadeOrRestrict() {
        if (accept("CASCADE")) {
            return true;
        }
        accept("RESTRICT");
        return false;
    }

    private Statement set(SourcePosition at) {
        String name = identifier("setting name");
        if (!accept("TO") && !token.isSymbol("=")) {
            throw error("Expected TO or = after SET " + name + ", found " + token.describe() + ".");
        }
        if (token.isSymbol("=")) {
            advance();
        }
        if (token.kind() == SqlToken.Kind.END || token.kind() == SqlToken.Kind.SYMBOL) {
            throw error("Expected a value for SET " + name + ", found " + token.describe() + ".");
        }
        SqlToken valueToken = token;
        String value = token.kind() == SqlToken.Kind.STRING ? token.stringValue() : token.text();
        advance();
        if (name.equals(CASE_SENSITIVE_IDENTIFIER)) {
            caseSensitive = booleanSetting(valueToken, value);
        }
        return new Statement.SetOption(at, name, value);
    }

    private static boolean booleanSetting(SqlToken at, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
            case "on":
                return true;
            case "false":
            case "off":
                return false;
            default:
                throw new RedshiftSqlException(
                        at.position(),
                        CASE_SENSITIVE_IDENTIFIER + " takes true or false, not '" + value + "'.");
        }
    }

    private boolean ifExists() {
        if (accept("IF")) {
            expect("EXISTS");
            return true;
        }
        return false;
    }

    private void expectMaterializedView(String verb) {
        if (!token.isWord("MATERIALIZED")) {
            throw error("Unsupported statement " + verb + " " + token.text() + ". " + SUPPORTED);
        }
        advance();
        expect("VIEW");
    }

    // --- token helpers, shared with MaterializedViewParser ---

    SqlToken token() {
        return token;
    }

    ScriptStatement statement() {
        return statement;
    }

    boolean caseSensitive() {
        return caseSensitive;
    }

    String catalog() {
        return catalog;
    }

    void advance() {
        token = lexer.next();
    }

    boolean accept(String keyword) {
        if (token.isWord(keyword)) {
            advance();
            return true;
        }
        return false;
    }

    void expect(String keyword) {
        if (!accept(keyword)) {
            throw error("Expected " + keyword + ", found " + token.describe() + ".");
        }
    }

    boolean yesNo() {
        if (accept("YES")) {
            return true;
        }
        if (accept("NO")) {
            return false;
        }
        throw error("Expected YES or NO, found " + token.describe() + ".");
    }

    String identifier(String what) {
        if (!token.isIdentifier()) {
            throw error("Expected a " + what + ", found " + token.describe() + ".");
        }
        String name = Identifiers.fold(token.text(), caseSensitive);
        advance();
        return name;
    }

    ObjectName objectName() {
        String first = identifier("materialized view name");
        if (token.isSymbol(".")) {
            advance();
            return new ObjectName(first, identifier("materialized view name after the schema"));
        }
        return new ObjectName(ObjectName.DEFAULT_SCHEMA, first);
    }

    private String string(String what) {
        if (token.kind() != SqlToken.Kind.STRING) {
            throw error("Expected " + what + ", found " + token.describe() + ".");
        }
        String value = token.stringValue();
        advance();
        return value;
    }

    RedshiftSqlException error(String message) {
        return new RedshiftSqlException(token.position(), message);
    }
}
