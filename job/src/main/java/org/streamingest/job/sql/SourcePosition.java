package org.streamingest.job.sql;

/** A 1-based line and column in a script. */
public record SourcePosition(int line, int column) {
    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
