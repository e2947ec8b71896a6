package org.streamingest.job.sql;

/** One token of a statement: its kind, its text as written, where it starts. */
record SqlToken(Kind kind, String text, SourcePosition position, int offset) {

    enum Kind {
        WORD,
        QUOTED_IDENTIFIER,
        STRING,
        NUMBER,
        SYMBOL,
        END
    }

    boolean isWord(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    /** The value of a string literal, {@code ''} unescaped. */
    String stringValue() {
        return text.substring(1, text.length() - 1).replace("''", "'");
    }

    String describe() {
        return kind == Kind.END ? "end of statement" : "'" + text + "'";
    }
}
