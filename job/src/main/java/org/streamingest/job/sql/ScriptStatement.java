package org.streamingest.job.sql;

import java.util.Objects;

/** The text of one statement of a script (without its {@code ;}) and where it starts. */
public record ScriptStatement(String sql, SourcePosition position) {
    public ScriptStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(position, "position");
    }

    /** The script position of a 1-based line and column inside {@link #sql()}. */
    public SourcePosition scriptPosition(int line, int column) {
        return line <= 1
                ? new SourcePosition(position.line(), position.column() + column - 1)
                : new SourcePosition(position.line() + line - 1, column);
    }
}
