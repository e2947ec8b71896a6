package org.streamingest.job.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Redshift SQL script at the {@code ;} that end statements. A {@code ;} inside a {@code
 * --} or {@code /* *}{@code /} comment, a single-quoted literal ({@code ''} escapes a quote), a
 * double-quoted identifier ({@code ""} escapes a quote) or a dollar-quoted string ({@code $$...$$},
 * {@code $tag$...$tag$}) does not end a statement. Empty statements are skipped; each statement
 * starts at its first character that is neither white space nor comment.
 */
public final class StatementSplitter {

    private final String script;
    private int index;
    private int line = 1;
    private int column = 1;

    private StatementSplitter(String script) {
        this.script = script;
    }

    /** The statements of the script, in order. */
    public static List<ScriptStatement> split(String script) {
        return new StatementSplitter(script).splitAll();
    }

    private List<ScriptStatement> splitAll() {
        List<ScriptStatement> statements = new ArrayList<>();
        int start = -1;
        SourcePosition startPosition = null;
        while (index < script.length()) {
            char c = script.charAt(index);
            char next = index + 1 < script.length() ? script.charAt(index + 1) : '\0';
            if (c == '-' && next == '-') {
                skipLineComment();
            } else if (c == '/' && next == '*') {
                skipBlockComment();
            } else if (Character.isWhitespace(c)) {
                advance(1);
            } else if (c == ';') {
                if (start >= 0) {
                    statements.add(statement(start, index, startPosition));
                    start = -1;
                }
                advance(1);
            } else {
                if (start < 0) {
                    start = index;
                    startPosition = position();
                }
                if (c == '\'' || c == '"') {
                    skipQuoted(c);
                } else if (c == '$' && dollarTag() != null) {
                    skipDollarQuoted(dollarTag());
                } else {
                    advance(1);
                }
            }
        }
        if (start >= 0) {
            statements.add(statement(start, script.length(), startPosition));
        }
        return statements;
    }

    private ScriptStatement statement(int start, int end, SourcePosition position) {
        return new ScriptStatement(script.substring(start, end).stripTrailing(), position);
    }

    private void skipLineComment() {
        while (index < script.length() && script.charAt(index) != '\n') {
            advance(1);
        }
    }

    private void skipBlockComment() {
        SourcePosition opened = position();
        int end = script.indexOf("*/", index + 2);
        if (end < 0) {
            throw unterminated(opened, "block comment /* ... */", "*/");
        }
        advance(end + 2 - index);
    }

    private void skipQuoted(char quote) {
        SourcePosition opened = position();
        advance(1);
        while (true) {
            int end = script.indexOf(quote, index);
            if (end < 0) {
                throw quote == '\''
                        ? unterminated(opened, "string literal", "'")
                        : unterminated(opened, "quoted identifier", "\"");
            }
            advance(end + 1 - index);
            if (index < script.length() && script.charAt(index) == quote) {
                advance(1); // a doubled quote is an escaped quote
            } else {
                return;
            }
        }
    }

    private void skipDollarQuoted(String tag) {
        SourcePosition opened = position();
        int end = script.indexOf(tag, index + tag.length());
        if (end < 0) {
            throw unterminated(opened, "dollar-quoted string " + tag + "..." + tag, tag);
        }
        advance(end + tag.length() - index);
    }

    /** {@code $$} or {@code $tag$} starting at the current index, else null. */
    private String dollarTag() {
        int i = index + 1;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '$') {
                return script.substring(index, i + 1);
            }
            boolean identifier =
                    Character.isLetter(c) || c == '_' || (i > index + 1 && Character.isDigit(c));
            if (!identifier) {
                return null;
            }
            i++;
        }
        return null;
    }

    private void advance(int count) {
        for (int i = 0; i < count; i++) {
            if (script.charAt(index) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            index++;
        }
    }

    private SourcePosition position() {
        return new SourcePosition(line, column);
    }

    private static RedshiftSqlException unterminated(
            SourcePosition opened, String what, String closer) {
        return new RedshiftSqlException(
                opened, "Unterminated " + what + ": add the closing " + closer + ".");
    }
}
