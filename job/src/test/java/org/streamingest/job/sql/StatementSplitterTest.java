package org.streamingest.job.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementSplitterTest {

    @Test
    void splitsAtSemicolonsWithStartPositions() {
        List<ScriptStatement> statements =
                StatementSplitter.split("SELECT 1;\n  SELECT 2 ;SELECT 3");

        assertThat(statements)
                .containsExactly(
                        new ScriptStatement("SELECT 1", new SourcePosition(1, 1)),
                        new ScriptStatement("SELECT 2", new SourcePosition(2, 3)),
                        new ScriptStatement("SELECT 3", new SourcePosition(2, 13)));
    }

    @Test
    void skipsCommentsBeforeAStatementAndKeepsThoseInside() {
        List<ScriptStatement> statements =
                StatementSplitter.split("-- a; comment\n/* b; */ SELECT 1 -- c;\n, 2;");

        assertThat(statements)
                .containsExactly(
                        new ScriptStatement("SELECT 1 -- c;\n, 2", new SourcePosition(2, 10)));
    }

    @Test
    void semicolonInsideLiteralWithEscapedQuoteDoesNotSplit() {
        assertThat(StatementSplitter.split("SELECT 'it''s; fine'; SELECT 2"))
                .extracting(ScriptStatement::sql)
                .containsExactly("SELECT 'it''s; fine'", "SELECT 2");
    }

    @Test
    void semicolonInsideQuotedIdentifierDoesNotSplit() {
        assertThat(StatementSplitter.split("SELECT \"a;\"\"b\" FROM t; SELECT 2"))
                .extracting(ScriptStatement::sql)
                .containsExactly("SELECT \"a;\"\"b\" FROM t", "SELECT 2");
    }

    @Test
    void semicolonInsideDollarQuotesDoesNotSplit() {
        assertThat(StatementSplitter.split("SELECT $$a;b$$; SELECT $x$ c;$$ $x$; SELECT $1"))
                .extracting(ScriptStatement::sql)
                .containsExactly("SELECT $$a;b$$", "SELECT $x$ c;$$ $x$", "SELECT $1");
    }

    @Test
    void skipsEmptyStatements() {
        assertThat(StatementSplitter.split(" ;;\n; -- only a comment\n;")).isEmpty();
    }

    @Test
    void reportsUnterminatedLiteralWhereItOpens() {
        assertThatThrownBy(() -> StatementSplitter.split("SELECT 1;\nSELECT 'abc;"))
                .isInstanceOf(RedshiftSqlException.class)
                .hasMessageContaining("Unterminated string literal")
                .extracting(e -> ((RedshiftSqlException) e).position())
                .isEqualTo(new SourcePosition(2, 8));
    }

    @Test
    void reportsUnterminatedQuotedIdentifierCommentAndDollarQuote() {
        assertThatThrownBy(() -> StatementSplitter.split("SELECT \"a"))
                .hasMessageContaining("Unterminated quoted identifier")
                .hasMessageContaining("line 1, column 8");
        assertThatThrownBy(() -> StatementSplitter.split("SELECT 1 /* open"))
                .hasMessageContaining("Unterminated block comment")
                .hasMessageContaining("line 1, column 10");
        assertThatThrownBy(() -> StatementSplitter.split("\n SELECT $t$ x"))
                .hasMessageContaining("Unterminated dollar-quoted string $t$")
                .hasMessageContaining("line 2, column 9");
    }
}
