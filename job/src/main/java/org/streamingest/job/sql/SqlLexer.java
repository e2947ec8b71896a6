package org.streamingest.job.sql;

/**
 * Tokens of one statement, read on demand (the DDL parser reads only up to the SELECT of a view).
 * Comments and white space are skipped; positions are script positions.
 */
final class SqlLexer {

    private final ScriptStatement statement;
    private final String sql;
    private int index;
    private int line = 1;
    private int column = 1;

    SqlLexer(ScriptStatement statement) {
        this.statement = statement;
        this.sql = statement.sql();
    }

    SqlToken next() {
        skipBlanks();
        SourcePosition position = statement.scriptPosition(line, column);
        int start = index;
        if (index >= sql.length()) {
            return new SqlToken(SqlToken.Kind.END, "", position, start);
        }
        char c = sql.charAt(index);
        SqlToken.Kind kind;
        if (Character.isLetter(c) || c == '_') {
            while (index < sql.length() && isWordPart(sql.charAt(index))) {
                advance();
            }
            kind = SqlToken.Kind.WORD;
        } else if (Character.isDigit(c)) {
            while (index < sql.length()
                    && (Character.isDigit(sql.charAt(index)) || sql.charAt(index) == '.')) {
                advance();
            }
            kind = SqlToken.Kind.NUMBER;
        } else if (c == '\'' || c == '"') {
            readQuoted(c);
            kind = c == '\'' ? SqlToken.Kind.STRING : SqlToken.Kind.QUOTED_IDENTIFIER;
        } else {
            advance();
            kind = SqlToken.Kind.SYMBOL;
        }
        return new SqlToken(kind, sql.substring(start, index), position, start);
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private void readQuoted(char quote) {
        advance();
        while (index < sql.length()) {
            char c = sql.charAt(index);
            advance();
            if (c == quote) {
                if (index < sql.length() && sql.charAt(index) == quote) {
                    advance();
                } else {
                    return;
                }
            }
        }
        // The splitter reports unterminated quotes; a lone statement may still end here.
    }

    private void skipBlanks() {
        while (index < sql.length()) {
            char c = sql.charAt(index);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (sql.startsWith("--", index)) {
                while (index < sql.length() && sql.charAt(index) != '\n') {
                    advance();
                }
            } else if (sql.startsWith("/*", index)) {
                int end = sql.indexOf("*/", index + 2);
                int stop = end < 0 ? sql.length() : end + 2;
                while (index < stop) {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private void advance() {
        if (sql.charAt(index) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        index++;
    }
}
